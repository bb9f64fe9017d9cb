"""The browser's scripts: written as ES modules, served as one classic script each.

The sources in ``assets/`` are ES modules, linted by ESLint and unit-tested by
Node as such. Two places cannot load modules: streamlit-folium's frame adds its
scripts as classic ``<script src>`` tags and runs the map's own script with
``eval``, and an exported page opened from ``file://`` may not import other
files. So ``classic_script`` joins an entry module and every module it imports
into one classic script, in dependency order, each inside its own function
scope that hands its exports to the modules that import them.

Only this subset of module syntax is accepted; anything else is refused with
the file and line, so a new construct cannot slip through half understood:

- ``import { name, other as local } from "./relative/path.js";``
- ``export function``, ``export async function``, ``export const``,
  ``export class`` followed by the name.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
MAP_ENTRY = ASSETS / "frontline_map.js"
MAP_GLOBAL = "frontline"
"""The one global of the dashboard's map frame: the base map's script and each
step's ``day_script`` call ``frontline.mount`` and ``frontline.show``."""

_IMPORT = re.compile(
    r'^import\s*\{(?P<names>[^}]*)\}\s*from\s*"(?P<path>\.{1,2}/[^"]+\.js)";[ \t]*$',
    re.MULTILINE,
)
_EXPORT = re.compile(
    r"^export\s+(?=(?:async\s+function|function|const|class)\s+(?P<name>[\w$]+))",
    re.MULTILINE,
)
_MODULE_SYNTAX = re.compile(r"^[ \t]*(?:import|export)\b", re.MULTILINE)
_NAME = re.compile(r"[A-Za-z_$][\w$]*")
_NON_NAME = re.compile(r"\W")


class ModuleSyntaxError(ValueError):
    """A module uses syntax ``classic_script`` does not translate."""


@dataclass(frozen=True)
class _Module:
    """One source module, its imports taken out and its ``export`` words dropped."""

    path: Path
    body: str
    imports: tuple[tuple[Path, tuple[tuple[str, str], ...]], ...]
    exports: tuple[str, ...]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _imported_names(names: str, path: Path, line: int) -> tuple[tuple[str, str], ...]:
    """``a, b as c`` as ``(("a", "a"), ("b", "c"))``: exported name, local name."""
    pairs = []
    for part in filter(None, (piece.strip() for piece in names.split(","))):
        exported, _, local = (word.strip() for word in part.partition(" as "))
        local = local or exported
        if not (_NAME.fullmatch(exported) and _NAME.fullmatch(local)):
            raise ModuleSyntaxError(f"{path}:{line}: cannot read the import '{part}'")
        pairs.append((exported, local))
    return tuple(pairs)


def _read_module(path: Path) -> _Module:
    source = path.read_text(encoding="utf-8")
    translated = {match.start() for match in _IMPORT.finditer(source)}
    translated |= {match.start() for match in _EXPORT.finditer(source)}
    for match in _MODULE_SYNTAX.finditer(source):
        if match.start() not in translated:
            line = source[match.start() :].splitlines()[0].strip()
            raise ModuleSyntaxError(
                f"{path}:{_line_of(source, match.start())}: '{line}' is module syntax"
                " that classic_script does not translate (geo/maplayer/scripts.py)"
            )
    imports = tuple(
        (
            (path.parent / match["path"]).resolve(),
            _imported_names(match["names"], path, _line_of(source, match.start())),
        )
        for match in _IMPORT.finditer(source)
    )
    exports = tuple(match["name"] for match in _EXPORT.finditer(source))
    body = _EXPORT.sub("", _IMPORT.sub("", source))
    return _Module(path, body.strip(), imports, exports)


def _in_dependency_order(entry: Path) -> list[_Module]:
    """``entry`` and every module it imports, each after the modules it needs."""
    ordered: dict[Path, _Module] = {}
    visiting: list[Path] = []

    def visit(path: Path) -> None:
        if path in ordered:
            return
        if path in visiting:
            cycle = " -> ".join(step.name for step in [*visiting, path])
            raise ModuleSyntaxError(f"modules import each other in a cycle: {cycle}")
        visiting.append(path)
        module = _read_module(path)
        for dependency, _ in module.imports:
            visit(dependency)
        visiting.pop()
        ordered[path] = module

    visit(entry.resolve())
    return list(ordered.values())


def classic_script(entry: Path, *, expose: str | None = None) -> str:
    """One classic script that runs the ES module ``entry`` and all it imports.

    Args:
        entry: the module to run, e.g. ``assets/frontline_map.js``.
        expose: a global name to give the entry module's exports (for scripts
            that cannot import, such as streamlit-folium's), or ``None``.

    Returns:
        The script text: one arrow function run at once, holding a constant
        per module.

    Raises:
        ModuleSyntaxError: if a module uses syntax outside the accepted subset,
            imports a name its source does not export, or modules import each
            other in a cycle.
    """
    modules = _in_dependency_order(entry)
    variables = {
        module.path: f"module{number}_{_NON_NAME.sub('_', module.path.stem)}"
        for number, module in enumerate(modules)
    }
    exported = {module.path: set(module.exports) for module in modules}
    parts = [
        "// Built by geo/maplayer/scripts.py from the ES modules "
        + ", ".join(module.path.name for module in modules)
        + ".",
        "(() => {",
        '"use strict";',
    ]
    for module in modules:
        parts.append(f"const {variables[module.path]} = (() => {{")
        for dependency, names in module.imports:
            missing = [name for name, _ in names if name not in exported[dependency]]
            if missing:
                raise ModuleSyntaxError(
                    f"{module.path}: {dependency.name} does not export "
                    + ", ".join(missing)
                )
            bindings = ", ".join(
                name if name == local else f"{name}: {local}" for name, local in names
            )
            parts.append(f"const {{ {bindings} }} = {variables[dependency]};")
        parts.append(module.body)
        exports = ", ".join(module.exports)
        parts.append(f"return {{ {exports} }};" if exports else "return {};")
        parts.append("})();")
    if expose:
        parts.append(f"globalThis.{expose} = {variables[modules[-1].path]};")
    parts.append("})();")
    return "\n".join(parts) + "\n"


@lru_cache(maxsize=1)
def map_script() -> str:
    """The dashboard's map layer as one classic script, exposed as ``frontline``."""
    return classic_script(MAP_ENTRY, expose=MAP_GLOBAL)
