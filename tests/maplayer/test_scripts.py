"""ES modules joined into one classic script, run here by Node when it is installed."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from geo.maplayer.scripts import (
    MAP_GLOBAL,
    ModuleSyntaxError,
    classic_script,
    map_script,
)

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def write_modules(folder: Path, modules: dict[str, str]) -> Path:
    for name, text in modules.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(script: str, tail: str, folder: Path) -> str:
    program = folder / "program.cjs"
    program.write_text(script + tail, encoding="utf-8")
    finished = subprocess.run(
        [NODE, str(program)], capture_output=True, text=True, check=True, timeout=60
    )
    return finished.stdout.strip()


@needs_node
def test_imports_across_folders_renames_and_exposure_behave_as_modules(tmp_path):
    folder = write_modules(
        tmp_path,
        {
            "lib/words.js": 'const secret = "hidden";\n'
            'export const GREETING = "hello";\n'
            "export function shout(text) {\n  return text.toUpperCase();\n}\n",
            "app/main.js": "import {\n  GREETING,\n  shout as loud,\n}"
            ' from "../lib/words.js";\n'
            "const secret = 2;\n"
            "export function greet() {\n  return `${loud(GREETING)} ${secret}`;\n}\n",
        },
    )

    script = classic_script(folder / "app/main.js", expose="demo")
    output = run(script, "console.log(globalThis.demo.greet(), typeof secret);", folder)

    assert output == "HELLO 2 undefined"


@pytest.mark.parametrize(
    ("source", "refusal"),
    [
        ("export default function () {}\n", "main.js:2: 'export default"),
        ("export { a };\n", "main.js:2: 'export { a };'"),
        ('import a from "./b.js";\n', "main.js:2: 'import a from"),
        ('import { a } from "b";\n', "main.js:2: 'import { a } from \"b\";'"),
    ],
)
def test_module_syntax_outside_the_subset_is_refused_with_file_and_line(
    tmp_path, source, refusal
):
    entry = write_modules(tmp_path, {"main.js": "// first line\n" + source})

    with pytest.raises(ModuleSyntaxError, match=re.escape(refusal)):
        classic_script(entry / "main.js")


def test_importing_a_name_that_is_not_exported_is_refused(tmp_path):
    folder = write_modules(
        tmp_path,
        {
            "a.js": "export const here = 1;\n",
            "main.js": 'import { here, gone } from "./a.js";\n',
        },
    )

    with pytest.raises(ModuleSyntaxError, match=re.escape("a.js does not export gone")):
        classic_script(folder / "main.js")


def test_modules_that_import_each_other_are_refused(tmp_path):
    folder = write_modules(
        tmp_path,
        {
            "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
            "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
        },
    )

    with pytest.raises(ModuleSyntaxError, match=re.escape("a.js -> b.js -> a.js")):
        classic_script(folder / "a.js")


@needs_node
def test_the_map_script_gives_the_dashboard_one_global_to_mount_and_show(tmp_path):
    output = run(
        map_script(),
        f"console.log(Object.keys(globalThis.{MAP_GLOBAL}).sort().join());",
        tmp_path,
    )

    assert output == "days,mount,show"
