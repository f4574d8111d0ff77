"""Activity kinds. Each sub-package is one kind and holds all of it; they are discovered, not
listed, so a new kind needs no edit outside its own folder."""

import importlib
import importlib.util
import os
import pkgutil
from pathlib import Path

from cafe.activities import registry
from cafe.extensions import migrate

# Imported after the kind's package: its tables, its Socket.IO handlers, its blueprint. These
# may import the kind (`from cafe.activities.<kind> import kind`); the package does not import
# them, so there is no cycle.
MODULES = ("models", "events", "routes")


def discover() -> list[str]:
    """Import every kind with its modules; the names of the kinds' packages."""
    names = []
    for module in pkgutil.iter_modules(__path__):
        if not module.ispkg:
            continue
        package = f"{__name__}.{module.name}"
        importlib.import_module(package)
        for part in MODULES:
            if importlib.util.find_spec(f"{package}.{part}") is not None:
                importlib.import_module(f"{package}.{part}")
        names.append(module.name)
    return names


def kind_migrations(config):
    """Alembic reads each kind's own migrations, `cafe/activities/<kind>/migrations/`, besides
    `cafe/migrations/versions/`: one chain of revisions kept in several folders."""
    folders = [Path(config.get_main_option("script_location")) / "versions",
               *sorted(Path(__path__[0]).glob("*/migrations"))]
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(f) for f in folders))
    return config


def init_app(app):
    # The Migrate object is shared by every app a process makes (tests make many): once.
    if kind_migrations not in migrate.configure_callbacks:
        migrate.configure(kind_migrations)
    for name in discover():
        kind = registry.get(name)
        routes = importlib.import_module(f"{__name__}.{name}.routes")
        app.register_blueprint(routes.bp)
        kind.init_app(app)
