"""Fetching pages over HTTP(S), politely and safely (httpx).

What a crawler that reads the open web must do, and what it must refuse:

- every request has a timeout, and the whole download a deadline, so a server
  that sends one byte a second cannot hold a batch;
- a body larger than the size cap is dropped as soon as the cap is passed
  (``Content-Length`` is checked first, then the bytes as they come);
- redirects are followed by hand, at most ``max_redirects``, and each hop is
  checked like the first URL (scheme, address, robots.txt);
- robots.txt is read once per host and obeyed (RFC 9309: a 4xx robots.txt
  allows everything, a 5xx or an unreachable one forbids everything), and its
  ``Crawl-delay`` lengthens the pause between two requests to that host;
- one host is asked at most once every ``min_interval`` seconds;
- a host that resolves to a private, loopback, link-local, shared or reserved
  address is refused unless ``allow_private`` is set: a feed must not make
  Sitrep read the user's router or cloud metadata service.  (The check is made
  on the addresses the name resolves to just before the request; a DNS server
  that answers differently a second later could still get past it, which is why
  the default is to refuse and why environment proxies are not used.)

Tests use ``httpx.MockTransport`` (``transport=``) and a fake ``resolver``, or a
local server on 127.0.0.1 with ``allow_private``: nothing here needs the network.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from .. import __version__
from ..config import Config
from ..errors import InputError
from ..records import Quarantined, RawDocument
from .readers import decode_bytes

Resolver = Callable[[str, int], list[str]]

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
ROBOTS_MAX_BYTES = 512_000
MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more is obeyed up to this


class FetchError(InputError):
    """A URL could not be fetched: the message says why and what to do."""

    code = "E110"


class AddressRefusedError(FetchError):
    code = "E111"


class RobotsRefusedError(FetchError):
    code = "E112"


class RedirectError(FetchError):
    code = "E113"


class ResponseTooLargeError(FetchError):
    code = "E114"


class HTTPStatusError(FetchError):
    code = "E115"


@dataclass(frozen=True)
class FetchPolicy:
    """How Sitrep fetches: limits and manners, the same for every URL of a run."""

    timeout: float = 15.0  # seconds for connecting and for each read
    deadline: float = 60.0  # seconds for one whole download
    max_bytes: int = 5_000_000  # a news page is well under this; a 100 MB file is refused
    max_redirects: int = 5
    min_interval: float = 1.0  # seconds between two requests to the same host
    allow_private: bool = False
    respect_robots: bool = True
    user_agent: str = f"Sitrep/{__version__} (news event extraction)"

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.deadline <= 0 or self.max_bytes <= 0 or self.max_redirects < 0:
            raise InputError("fetch limits must be positive (timeout, deadline, max_bytes; max_redirects >= 0)")


@dataclass(frozen=True)
class Page:
    """What a URL answered: the final URL (after redirects), its content type and body."""

    requested: str
    url: str
    status: int
    content_type: str  # lower case, without parameters
    charset: str | None
    body: bytes

    def text(self) -> str:
        """The body as text: the declared charset when Python knows it, else the readers' guess."""
        if self.charset:
            try:
                return self.body.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                pass
        return decode_bytes(self.body, self.url)


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (what the connection would use)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(address: str) -> str | None:
    """Why ``address`` may not be fetched from by default (None when it is a public address)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, test in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                        ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                        ("private", ip.is_private)):
        if test:
            return f"{label} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


def url_document_id(url: str, body: bytes | None = None) -> str:
    """A document id for a URL, and for what it answered when ``body`` is given.

    Ids travel in paths, so they hold no slash.  A page fetched again after it
    changed gets a new id (the store keeps both versions, or one when their
    clean texts are the same), instead of clashing with the id of the first.
    """
    key = hashlib.sha256(url.split("#")[0].encode("utf-8")).hexdigest()[:16]
    return f"url-{key}" if body is None else f"url-{key}-{hashlib.sha256(body).hexdigest()[:10]}"


@dataclass
class _Host:
    last_request: float | None = None
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_verdict: str | None = None  # "allow-all" / "deny-all" when robots.txt was not a file to read
    interval: float = 0.0


@dataclass
class Fetcher:
    """Fetches URLs under one ``FetchPolicy``; keeps per-host robots.txt and timing for the run."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    transport: httpx.BaseTransport | None = None
    resolver: Resolver = system_resolver
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _client: httpx.Client | None = None

    # --- the public part --------------------------------------------------------------------------------

    def fetch(self, url: str) -> Page:
        """The page at ``url``, after at most ``max_redirects`` checked redirects; raises ``FetchError``."""
        current = self._checked(url, url)
        for _ in range(self.policy.max_redirects + 1):
            self._obey_robots(current, url)
            status, headers, body = self._get(current, self.policy.max_bytes, url)
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                current = self._checked(str(current.join(headers["location"])), url)
                continue
            if status >= 400:
                raise HTTPStatusError(f"the server answered HTTP {status} for {current}", origin=url)
            content_type, charset = _content_type(headers.get("content-type", ""))
            return Page(url, str(current), status, content_type, charset, body)
        raise RedirectError(f"more than {self.policy.max_redirects} redirects (last to {current}); "
                            "the URL redirects in a loop or too far", origin=url)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- checks -----------------------------------------------------------------------------------------

    def _checked(self, url: str, origin: str) -> httpx.URL:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError) as exc:
            raise FetchError(f"not a valid URL ({exc})", origin=origin) from None
        if parsed.scheme not in ("http", "https"):
            raise FetchError(f"only http and https URLs are fetched, not {parsed.scheme or 'this'}: {url}",
                             origin=origin)
        if not parsed.host:
            raise FetchError(f"the URL has no host: {url}", origin=origin)
        if not self.policy.allow_private:
            port = parsed.port or (443 if parsed.scheme == "https" else 80)
            for address in self.resolver(parsed.host, port):
                reason = address_refusal(address)
                if reason:
                    raise AddressRefusedError(
                        f"{parsed.host} resolves to a {reason}; Sitrep does not fetch from private networks "
                        "unless told to (--allow-private)", origin=origin)
        return parsed

    def _host(self, url: httpx.URL) -> _Host:
        key = f"{url.scheme}://{url.netloc.decode('ascii')}"
        if key not in self._hosts:
            self._hosts[key] = _Host(interval=self.policy.min_interval)
        return self._hosts[key]

    def _obey_robots(self, url: httpx.URL, origin: str) -> None:
        if not self.policy.respect_robots or url.path == "/robots.txt":
            return
        host = self._host(url)
        if host.robots is None and host.robots_verdict is None:
            self._read_robots(url, host)
        if host.robots_verdict == "deny-all" or (
                host.robots is not None and not host.robots.can_fetch(self.policy.user_agent, str(url))):
            raise RobotsRefusedError(f"robots.txt of {url.host} does not allow fetching {url}", origin=origin)

    def _read_robots(self, url: httpx.URL, host: _Host) -> None:
        robots_url = url.copy_with(path="/robots.txt", query=None, fragment=None)
        try:
            target = robots_url
            for _ in range(self.policy.max_redirects + 1):
                status, headers, body = self._get(target, ROBOTS_MAX_BYTES, str(robots_url))
                if status in (301, 302, 303, 307, 308) and headers.get("location"):
                    target = self._checked(str(target.join(headers["location"])), str(robots_url))
                    continue
                break
        except FetchError:
            host.robots_verdict = "deny-all"  # RFC 9309: unreachable robots.txt, assume nothing is allowed
            return
        if 400 <= status < 500:
            host.robots_verdict = "allow-all"
        elif status >= 300:
            host.robots_verdict = "deny-all"
        else:
            parser = urllib.robotparser.RobotFileParser()
            parser.parse(body.decode("utf-8", "replace").splitlines())
            host.robots = parser
            delay = parser.crawl_delay(self.policy.user_agent)
            if delay:
                host.interval = max(host.interval, min(float(delay), MAX_CRAWL_DELAY))

    # --- the request --------------------------------------------------------------------------------------

    def _wait_turn(self, url: httpx.URL) -> None:
        host = self._host(url)
        now = self.clock()
        if host.last_request is not None:
            pause = host.last_request + host.interval - now
            if pause > 0:
                self.sleep(pause)
                now = self.clock()
        host.last_request = now

    def _client_for_run(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=self.transport, timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False,
                headers={"User-Agent": self.policy.user_agent}, trust_env=False)
        return self._client

    def _get(self, url: httpx.URL, max_bytes: int, origin: str) -> tuple[int, httpx.Headers, bytes]:
        self._wait_turn(url)
        started = self.clock()
        try:
            with self._client_for_run().stream("GET", url) as response:
                _check_length(response, max_bytes, origin)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise ResponseTooLargeError(f"the response is over the size cap of {max_bytes:,} bytes",
                                                    origin=origin)
                    if self.clock() - started > self.policy.deadline:
                        raise FetchError(f"the download took over {self.policy.deadline:g}s", origin=origin)
                return response.status_code, response.headers, bytes(body)
        except httpx.TimeoutException:
            raise FetchError(f"no answer from {url.host} within {self.policy.timeout:g}s", origin=origin) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url} ({type(exc).__name__}: {exc})", origin=origin) from None


def _check_length(response: httpx.Response, max_bytes: int, origin: str) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLargeError(f"the response is {int(declared):,} bytes, over the size cap of "
                                    f"{max_bytes:,}", origin=origin)


def _content_type(header: str) -> tuple[str, str | None]:
    main, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return main.strip().lower(), charset


# --- documents from pages ----------------------------------------------------------------------------------


def document_from_page(page: Page, config: Config, **hints: Any) -> RawDocument:
    """A RawDocument from a fetched page (HTML or plain text); ``hints``: ``published``, ``id``."""
    if page.content_type in HTML_TYPES or (not page.content_type and page.body.lstrip()[:1] == b"<"):
        kind = "html"
    elif page.content_type in TEXT_TYPES:
        kind = "text"
    else:
        raise FetchError(f"{page.url} is {page.content_type or 'of no declared type'}, not an HTML or text page",
                         origin=page.requested)
    text = page.text()
    if len(text.encode("utf-8", "surrogatepass")) > config.max_input_bytes:
        raise FetchError(f"the page is over the limit of {config.max_input_bytes:,} bytes", origin=page.requested)
    return RawDocument(
        id=hints.get("id") or url_document_id(page.requested, page.body),
        text=text if kind == "text" else None,
        html=text if kind == "html" else None,
        url=page.url,
        published=hints.get("published") or config.published,
        language=config.language,
        origin=page.requested,
    )


def iter_urls(urls: Iterable[str], config: Config, fetcher: Fetcher) -> Iterator[RawDocument | Quarantined]:
    """A document for each URL, or a ``Quarantined`` saying why it could not be fetched (the batch goes on)."""
    for url in urls:
        try:
            yield document_from_page(fetcher.fetch(url), config)
        except InputError as exc:
            yield Quarantined(url, str(exc), exc.code, id=url_document_id(url), stage="fetch")
