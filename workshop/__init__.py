"""Déclic: prevention workshops on the online sexual exploitation of minors."""

from __future__ import annotations

from flask import Flask, redirect, url_for

from . import catalog, documents, error_pages, i18n, layout, security, serving, store
from .config import check_secret_key, configure


def create_app(config: dict | None = None) -> Flask:
    """The app factory: configuration, content, languages, blueprints."""
    # INSTANCE_PATH (tests): where the embedded database lives; Flask takes it only here.
    app = Flask(__name__, static_folder=None, instance_path=(config or {}).get("INSTANCE_PATH"))
    configure(app, config)
    check_secret_key(app)  # production (the default) refuses to start without a real key
    app.static_folder = str(app.config["STATIC_DIR"])
    app.add_url_rule("/static/<path:filename>", endpoint="static", view_func=app.send_static_file)

    catalog.init_app(app)
    documents.init_app(app)
    i18n.init_app(app)
    layout.init_app(app)
    security.init_app(app)
    error_pages.init_app(app)
    serving.init_app(app)
    store.init_app(app)

    from .facilitate import bp as facilitate_bp
    from .learn import bp as learn_bp
    from .measure import bp as measure_bp
    from .review import bp as review_bp
    from .screen import bp as screen_bp
    from .site import bp as site_bp
    from .teach import bp as teach_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(learn_bp)
    app.register_blueprint(facilitate_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(measure_bp)
    app.register_blueprint(screen_bp)
    app.register_blueprint(teach_bp)

    @app.get("/")
    def root():
        """Send visitors to their language's home page."""
        return redirect(url_for("site.home", lang=i18n.preferred_language()))

    return app
