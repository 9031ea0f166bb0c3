"""A DNS server on 127.0.0.1 (UDP) answering MX and TXT from a zone dict; unknown names are NXDOMAIN.
Names listed in `silent` never get an answer (a resolver timeout)."""

from __future__ import annotations

import socket
import threading

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


class FakeDns:
    def __init__(self, zone: dict[str, dict[str, list[str]]], silent: set[str] | None = None):
        self.zone = {k.lower().rstrip("."): v for k, v in zone.items()}
        self.silent = silent or set()
        self.queries: list[tuple[str, str]] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(4096)
            except (TimeoutError, OSError):
                continue
            try:
                query = dns.message.from_wire(data)
            except Exception:  # noqa: BLE001
                continue
            question = query.question[0]
            name = question.name.to_text().rstrip(".").lower()
            rdtype = dns.rdatatype.to_text(question.rdtype)
            self.queries.append((name, rdtype))
            if name in self.silent:
                continue
            response = dns.message.make_response(query)
            response.flags |= dns.flags.AA
            records = self.zone.get(name)
            if records is None:
                # A name that exists only as the parent of a listed name answers NOERROR with no data.
                if not any(z.endswith("." + name) for z in self.zone):
                    response.set_rcode(dns.rcode.NXDOMAIN)
            elif records.get(rdtype):
                values = [f'"{v}"' if rdtype == "TXT" else v for v in records[rdtype]]
                response.answer.append(dns.rrset.from_text(question.name, 300, "IN", rdtype, *values))
            self.sock.sendto(response.to_wire(), peer)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
