"""Find a data migration's module by its name, whatever number it got when branches merged."""

import importlib
import pkgutil


def migration_module(app_label, name_ending):
    """The module of the migration of `app_label` whose name ends with `name_ending`."""
    package = importlib.import_module(f"{app_label}.migrations")
    names = [m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith(name_ending)]
    assert len(names) == 1, names
    return importlib.import_module(f"{app_label}.migrations.{names[0]}")
