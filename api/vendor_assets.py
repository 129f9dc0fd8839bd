"""Copy the web front-end's npm packages into the Python package (``make assets``), with licences.

Users install policykg with pip and may be offline or behind a firewall, so the pages never
load scripts from a CDN: the files below are copied from ``node_modules`` into
``api/static/vendor/<package>/`` and committed, and ``ASSETS.json`` records each package's
name, version and licence. Run ``make assets`` to refresh them after changing a version here.

A bundle carries code of other packages (YASGUI bundles CodeMirror, jQuery, DataTables…):
their licence files go beside it in ``licenses/``. A package that ships no licence file of
its own (``@zazuko/yasgui``) gets the text of the licence its ``package.json`` declares, with
the author it names (``LICENSE.generated.txt``, only for the MIT licence).

axe-core (accessibility checks) is a test tool, not part of the package: ``TEST_PACKAGES``
go to ``tests/web/vendor/`` and are never served by the app.

    python -m api.vendor_assets NODE_MODULES TARGET
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

#: npm package → (version, files to copy, licence files)
PACKAGES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "swagger-ui-dist": ("5.35.0", ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"),
                        ("LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt")),
    "redoc": ("2.5.4", ("bundles/redoc.standalone.js",), ("LICENSE", "bundles/redoc.standalone.js.LICENSE.txt")),
    # the SPARQL editor (api/web/editor.py); its licence is generated, the package ships none
    "@zazuko/yasgui": ("4.6.2", ("build/yasgui.min.js", "build/yasgui.min.css"), ()),
    # graph drawing for the cooperation pages
    "cytoscape": ("3.35.0", ("dist/cytoscape.min.js",), ("LICENSE",)),
}
#: test-only npm packages → (version, files, licence files), copied to tests/web/vendor/
TEST_PACKAGES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "axe-core": ("4.14.1", ("axe.min.js",), ("LICENSE", "LICENSE-3RD-PARTY.txt")),
}
#: packages whose code a bundle carries → their licence files (copied to ``<bundle>/licenses/``)
BUNDLED: dict[str, tuple[str, ...]] = {
    "@zazuko/yasgui": ("codemirror/LICENSE", "jquery/LICENSE.txt", "datatables.net/License.txt",
                       "dompurify/LICENSE", "choices.js/LICENSE", "sortablejs/LICENSE", "lodash-es/LICENSE",
                       "blueimp-md5/LICENSE.txt", "jsuri/LICENSE", "autosuggest-highlight/LICENSE",
                       "@tarekraafat/autocomplete.js/LICENSE", "column-resizer/LICENSE",
                       "es6-object-assign/LICENSE"),
}
MIT = """MIT License

Copyright (c) {holders}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def _holders(manifest: dict[str, object]) -> str:
    """The copyright holders a ``package.json`` names (author, then contributors)."""
    people = [manifest.get("author"), *list(manifest.get("contributors") or [])]  # type: ignore[call-overload]
    names = [p.get("name") if isinstance(p, dict) else p for p in people]
    return ", ".join(str(n) for n in names if n)


def vendor(node_modules: Path, target: Path, *,
           packages: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] | None = None) -> dict[str, dict[str, str]]:
    """Copy each package's files and licences into ``target/<package>/``; write and return the record."""
    record: dict[str, dict[str, str]] = {}
    for name, (version, files, licences) in (PACKAGES if packages is None else packages).items():
        source = node_modules / name
        manifest = json.loads((source / "package.json").read_text(encoding="utf-8"))
        if manifest["version"] != version:
            raise SystemExit(f"{name}: node_modules has {manifest['version']}, expected {version}")
        out = target / name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        for relative in (*files, *licences):
            shutil.copyfile(source / relative, out / Path(relative).name)
        if not licences:
            if manifest.get("license") != "MIT":
                raise SystemExit(f"{name}: ships no licence file and declares {manifest.get('license')!r}")
            (out / "LICENSE.generated.txt").write_text(MIT.format(holders=_holders(manifest)), encoding="utf-8")
        for relative in BUNDLED.get(name, ()):
            package = relative.rsplit("/", 1)[0]
            (out / "licenses").mkdir(exist_ok=True)
            shutil.copyfile(node_modules / relative, out / "licenses" / f"{package.replace('/', '__')}-{Path(relative).name}")
        record[name] = {"version": version, "license": str(manifest.get("license", "")),
                        "files": ", ".join(Path(f).name for f in files)}
    (target / "ASSETS.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":
    vendor(Path(sys.argv[1]), Path(sys.argv[2]))
    if len(sys.argv) > 3:  # the test-only packages' folder
        vendor(Path(sys.argv[1]), Path(sys.argv[3]), packages=TEST_PACKAGES)
