"""Serve a built site with Debian's nginx and server/nginx.conf on loopback, and weigh page views.

Used by tests/test_serving.py and benchmark/run.py (`from gids.loopback import Nginx`), so both measure the configuration that ships.
"""

from __future__ import annotations

import glob
import re
import shutil
import socket
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "server"  # nginx.conf and security-headers.conf
SERVER_ROOT = "/var/www/gehechtheid-in-pleegzorg"  # where server/*.conf expect the site


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """`with Nginx(site, folder) as url:` serves site on http://127.0.0.1:<free port>.

    others: server blocks to run beside it on the same port (port 80 in them taken to mean that port).
    """

    def __init__(self, site: Path, folder: Path, others: tuple[str, ...] = ()):
        self.site, self.folder = Path(site), Path(folder)
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("Debian's nginx is needed: apt-get install nginx libnginx-mod-http-brotli-static")
        module = next(iter(sorted(glob.glob("/usr/*/nginx/modules/ngx_http_brotli_static_module.so"))), None)
        if module is None:
            raise RuntimeError("the Brotli module is needed: apt-get install libnginx-mod-http-brotli-static")
        self.port = _free_port()
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "security-headers.conf").write_text(
            (HERE / "security-headers.conf").read_text(encoding="utf-8").replace(SERVER_ROOT, str(self.site))
        )

        def on_loopback(conf: str) -> str:
            conf = re.sub(r"^\s*listen \[::\]:80\b.*\n", "", conf, flags=re.M)
            return re.sub(r"\blisten 80\b", f"listen 127.0.0.1:{self.port}", conf)

        (folder / "site.conf").write_text(
            "\n".join(
                on_loopback(conf)
                for conf in [
                    (HERE / "nginx.conf")
                    .read_text(encoding="utf-8")
                    .replace(SERVER_ROOT, str(self.site))
                    .replace("include snippets/security-headers.conf;", f"include {folder}/security-headers.conf;"),
                    *others,
                ]
            )
        )
        (folder / "main.conf").write_text(
            f"user root;\nload_module {module};\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
            "events {}\nhttp {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log off;\n    client_body_temp_path {folder}/body;\n    include {folder}/site.conf;\n}}\n"
        )
        self.command = [binary, "-p", str(folder), "-c", str(folder / "main.conf")]

    def __enter__(self) -> str:
        check = subprocess.run([*self.command, "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(check.stderr)
        subprocess.run(self.command, check=True)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        subprocess.run([*self.command, "-s", "stop"], check=False)


def transferred(page, url: str, log=None) -> tuple[int, int]:
    """Bytes over the wire (headers and compressed bodies) and requests, for loading url in page.

    Reads Chromium's own network accounting (CDP encodedDataLength); responses from the cache count 0.
    """
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    sizes: dict[str, int] = {}
    cached: set[str] = set()
    urls: dict[str, str] = {}
    session.on("Network.requestWillBeSent", lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]))
    session.on(
        "Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"])
    )
    session.on("Network.requestServedFromCache", lambda event: cached.add(event["requestId"]))
    page.goto(url, wait_until="networkidle")
    session.detach()
    over_wire = {urls.get(r, r): size for r, size in sizes.items() if r not in cached and size > 0}
    if log:
        for address, size in sorted(over_wire.items(), key=lambda item: -item[1]):
            log(f"    {size:7} {address}")
    return sum(over_wire.values()), len(over_wire)
