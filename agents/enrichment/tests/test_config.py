"""Configuration from the environment: defaults, the test hooks' syntax, and one error naming every bad variable."""

from __future__ import annotations

import pytest

from salesos_enrichment.config import ConfigError, load_settings, parse_connect_to


def test_defaults():
    s = load_settings({})
    assert (s.port, s.host, s.token, s.redis_url, s.connect_to, s.dns_server) == (8000, "127.0.0.1", None, None, {}, None)
    assert s.max_body_bytes == 2 * 1024 * 1024 and s.max_redirects == 5 and "SalesOS" in s.user_agent


def test_connect_to_reads_curls_syntax():
    assert parse_connect_to("acme.test:443:127.0.0.1:8443, Shop.test:80:[::1]:8080") == {
        ("acme.test", 443): ("127.0.0.1", 8443), ("shop.test", 80): ("::1", 8080)}
    s = load_settings({"AGENT_CONNECT_TO": "a.test:80:127.0.0.1:9", "AGENT_DNS_SERVER": "127.0.0.1:5353"})
    assert s.connect_to == {("a.test", 80): ("127.0.0.1", 9)} and s.dns_server == ("127.0.0.1", 5353)


def test_every_bad_variable_is_named_at_once():
    with pytest.raises(ConfigError) as err:
        load_settings({"AGENT_PORT": "eighty", "AGENT_CONNECT_TO": "nonsense", "AGENT_DNS_SERVER": "nohost",
                       "AGENT_MAX_CONCURRENCY": "0", "AGENT_LOG_LEVEL": "loud", "REDIS_URL": "http://x"})
    message = str(err.value)
    for name in ("AGENT_PORT", "AGENT_CONNECT_TO", "AGENT_DNS_SERVER", "AGENT_MAX_CONCURRENCY", "AGENT_LOG_LEVEL", "REDIS_URL"):
        assert name in message


def test_the_dataset_cap_of_the_analyses():
    assert load_settings({}).max_dataset_bytes == 64 * 1024 * 1024
    assert load_settings({"AGENT_MAX_DATASET_BYTES": "1048576"}).max_dataset_bytes == 1_048_576
    with pytest.raises(ConfigError) as err:
        load_settings({"AGENT_MAX_DATASET_BYTES": "10"})
    assert "AGENT_MAX_DATASET_BYTES" in str(err.value)
