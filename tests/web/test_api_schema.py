"""The JSON API against its own OpenAPI schema: schemathesis generates requests for every operation
and none may get a server error."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_no_request_gets_a_server_error(server, tmp_path):
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run([str(schemathesis), "run", f"{server}/openapi.json", "--checks", "not_a_server_error",
                             "--max-examples", "25", "--seed", "12", "--no-color"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    summary = result.stdout.split("SUMMARY")[-1]
    assert re.search(r"\d+ generated, \d+ passed", summary) and not re.search(r"\d+ failed", summary), summary
