"""The SSRF guard: which URLs and addresses the agent may connect to.

Every host name is resolved here and every address it resolves to must be public; the caller then
connects to exactly the address that was checked (see fetcher.py), so a second, different DNS answer
(rebinding) never reaches a socket.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Beyond what `is_global` already rules out: shared address space, benchmarking, documentation, NAT64 and
# 6to4/Teredo prefixes that can embed a private IPv4 address, and the cloud metadata endpoints.
_BLOCKED = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
        "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
        "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32",
        "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
]
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"})


class Refused(Exception):
    """A URL or address the agent must not fetch. The message says why, for logs and the answer."""


def is_public_address(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return is_public_address(mapped)
    if any(ip in net for net in _BLOCKED if net.version == ip.version):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_unspecified or ip.is_reserved)


@dataclass(frozen=True)
class Target:
    """Where one request goes: the URL's host (for Host and TLS SNI) and the checked address to connect to."""

    url: SplitResult
    host: str
    port: int
    address: str
    connect_port: int


def check_url(url: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'}")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise Refused("URLs with credentials are not fetched")
    if not parts.hostname:
        raise Refused("the URL has no host")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as err:
        raise Refused("the URL has an invalid port") from err
    if parts.hostname.rstrip(".").lower() in METADATA_HOSTS:
        raise Refused(f"{parts.hostname} is a cloud metadata host")
    return parts


class AddressGuard:
    """Resolves a URL's host and returns an address that may be connected to, or raises Refused."""

    def __init__(self, connect_to: dict[tuple[str, int], tuple[str, int]], timeout_s: float = 3.0):
        self._connect_to = connect_to
        self._timeout_s = timeout_s

    async def target(self, url: str) -> Target:
        parts = check_url(url)
        host = parts.hostname.rstrip(".").lower()  # type: ignore[union-attr]
        port = parts.port or (443 if parts.scheme == "https" else 80)
        mapped = self._connect_to.get((host, port))
        if mapped is not None:
            # A test hook (AGENT_CONNECT_TO) names this exact target; it is allowed for this host:port only.
            addresses = await self._resolve(mapped[0], mapped[1])
            return Target(parts, host, port, addresses[0], mapped[1])
        addresses = await self._resolve(host, port)
        for address in addresses:
            if not is_public_address(ipaddress.ip_address(address)):
                raise Refused(f"{host} resolves to {address}, which is not a public address")
        return Target(parts, host, port, addresses[0], port)

    async def _resolve(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self._timeout_s):
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError as err:
            raise LookupError(f"{host}: DNS lookup timed out") from err
        except socket.gaierror as err:
            raise LookupError(f"{host}: host not found") from err
        addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
        if not addresses:
            raise LookupError(f"{host}: no address")
        return addresses
