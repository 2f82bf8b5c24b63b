"""The shipped manifest asks for what the app uses: scopes, events, the command, App Home."""

from __future__ import annotations

from importlib.resources import files

import yaml

from assistant.slack.app import BOT_SCOPES, EVENTS_PATH, REDIRECT_PATH


def test_manifest_matches_the_app() -> None:
    manifest = yaml.safe_load((files("assistant.slack") / "manifest.yaml").read_text())

    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
    events = manifest["settings"]["event_subscriptions"]
    assert sorted(events["bot_events"]) == ["app_home_opened", "app_mention", "message.im"]
    assert events["request_url"].endswith(EVENTS_PATH)
    assert manifest["settings"]["interactivity"]["request_url"].endswith(EVENTS_PATH)
    [command] = manifest["features"]["slash_commands"]
    assert (command["command"], command["url"].endswith(EVENTS_PATH)) == ("/oiar", True)
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert manifest["oauth_config"]["redirect_urls"][0].endswith(REDIRECT_PATH)
