"""The activity kinds as the app finds them, for tests that go over every kind: a list written
by hand misses the next kind. Each package under cafe/activities registers its kind when it is
imported (cafe.activities.init_app imports them all); this imports them without an app, so
the list is also there when pytest collects the tests."""

import importlib
import pkgutil

import cafe.activities
from cafe.activities import registry


def all_kinds() -> dict[str, registry.ActivityKind]:
    for module in pkgutil.iter_modules(cafe.activities.__path__):
        if module.ispkg:
            importlib.import_module(f"{cafe.activities.__name__}.{module.name}")
    return registry.all_kinds()


def kind_names() -> list[str]:
    return sorted(all_kinds())
