"""Activity kinds. Each sub-package registers one kind; they are discovered, not listed."""

import importlib
import pkgutil


def init_app(app):
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg:
            package = importlib.import_module(f"{__name__}.{module.name}")
            if hasattr(package, "init_app"):
                package.init_app(app)
