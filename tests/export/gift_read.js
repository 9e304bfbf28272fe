// Reads a GIFT file on stdin with gift-pegjs (the parser used by GIFT editors) and prints
// what a Moodle import would find: categories, and each question's options, right ones and
// feedback, as JSON. Run by test_question_bank.py.
"use strict";
const { parse } = require("gift-pegjs");

const text = require("fs").readFileSync(0, "utf8");
const out = [];
for (const item of parse(text)) {
  if (item.type === "Category") {
    out.push({ category: item.title });
  } else {
    out.push({
      type: item.type,
      title: item.title,
      stem: item.stem.text,
      options: item.choices.map((choice) => ({
        text: choice.text.text,
        // One right answer is written "=", several carry a positive weight.
        right: choice.isCorrect || (choice.weight !== null && choice.weight > 0),
        feedback: choice.feedback ? choice.feedback.text : null,
      })),
    });
  }
}
process.stdout.write(JSON.stringify(out));
