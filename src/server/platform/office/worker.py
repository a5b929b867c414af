#!/usr/bin/python3
"""A warm LibreOffice converter: starts one headless soffice with a private profile, then converts
DOCX files to PDF on request. Requests are JSON lines on stdin ({"id", "in", "out"}), answers JSON
lines on stdout ({"id", "ok", "error"?}); the first line written is {"ready": true}. One conversion
at a time. Exits (and ends soffice) when stdin closes."""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    profile = sys.argv[1]
    pipe = sys.argv[2]
    soffice = sys.argv[3] if len(sys.argv) > 3 else "soffice"
    proc = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(600):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except NoConnectException:
            if proc.poll() is not None:
                raise SystemExit("soffice exited with %s" % proc.returncode)
            time.sleep(0.1)
    if ctx is None:
        raise SystemExit("soffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    sys.stdout.write(json.dumps({"ready": True, "pid": proc.pid}) + "\n")
    sys.stdout.flush()
    try:
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            req = json.loads(line)
            try:
                doc = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(req["in"]),
                    "_blank",
                    0,
                    (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0)),
                )
                if doc is None:
                    raise RuntimeError("could not open the document")
                try:
                    doc.storeToURL(
                        uno.systemPathToFileUrl(req["out"]),
                        (prop("FilterName", "writer_pdf_Export"),),
                    )
                finally:
                    doc.close(True)
                ans = {"id": req["id"], "ok": True}
            except Exception as e:  # noqa: BLE001 - reported to the caller
                ans = {"id": req["id"], "ok": False, "error": str(e)}
            sys.stdout.write(json.dumps(ans) + "\n")
            sys.stdout.flush()
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001
            pass
        try:
            proc.wait(timeout=5)
        except Exception:  # noqa: BLE001
            proc.kill()


if __name__ == "__main__":
    main()
