"""Copy the web front-end's npm packages into the Python package (``make assets``), with licences.

Users install policykg with pip and may be offline or behind a firewall, so the pages never
load scripts from a CDN: the files below are copied from ``node_modules`` into
``api/static/vendor/<package>/`` and committed, and ``ASSETS.json`` records each package's
name, version and licence. Run ``make assets`` to refresh them after changing a version here.

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
}


def vendor(node_modules: Path, target: Path) -> dict[str, dict[str, str]]:
    """Copy each package's files and licences into ``target/<package>/``; write and return the record."""
    record: dict[str, dict[str, str]] = {}
    for name, (version, files, licences) in PACKAGES.items():
        source = node_modules / name
        manifest = json.loads((source / "package.json").read_text(encoding="utf-8"))
        if manifest["version"] != version:
            raise SystemExit(f"{name}: node_modules has {manifest['version']}, expected {version}")
        out = target / name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        for relative in (*files, *licences):
            shutil.copyfile(source / relative, out / Path(relative).name)
        record[name] = {"version": version, "license": str(manifest.get("license", "")),
                        "files": ", ".join(Path(f).name for f in files)}
    (target / "ASSETS.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":
    vendor(Path(sys.argv[1]), Path(sys.argv[2]))
