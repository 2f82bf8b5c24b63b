"""Slack front end: a Bolt `AsyncApp` in the API process (or Socket Mode), thin over the engine
and the tools.

Modules, by what they hold:

- `app.py`: `build_slack_app(config, store=, engine=)` -> `SlackRuntime(app, ctx, handler)`;
  registers every listener module (and `campaigns.py` when it exists).
- `context.py`: `SlackConfig` (settings resolved once) and `SlackContext`, the `ctx` every
  module gets.
- `identity.py`: team -> organization, Slack user -> respondent and role (`Who`).
- `commands.py`: the `/oiar` dispatcher and its subcommand table.
- `interview.py`: the DM interview (messages, buttons, modals); `blocks.py`: Block Kit builders.
- `operators.py`: `@oiar` mentions and `/oiar drag|why|status|profile`; `home.py`: App Home.
- `installations.py`: OAuth installation and state stores; `dedup.py`: Events API retries;
  `background.py`: tracked background tasks; `boundary.py`: the error boundary.

Adding a listener module: write `register(app: AsyncApp, ctx: SlackContext) -> None` and list
the module in `app.LISTENER_MODULES` (`campaigns` is picked up when present). Inside it:

- Ack fast, work later: `await ack()` then `ctx.tasks.spawn(guard(work(), say=..., what=...),
  name=...)`; every Slack request must be answered within 3 s. Run blocking store or tool
  calls with `await asyncio.to_thread(...)`, never on the event loop.
- Events API listeners call `await first_delivery(ctx, body)` (dedup.py) in their background
  work and stop when it is False: Slack retries deliveries.
- Who is asking: `team = TeamRef.of(context)` (Bolt's context: the team Slack signed the
  request for, never text) then `who = await ctx.identities.who(team, user_id, client)` gives
  `who.org_id`, `who.respondent_id` and `who.caller` (a `tools.access.Caller` whose role comes
  from Slack's admin/owner flags). Pass `who.caller` to tools; they enforce the role.
- `/oiar` subcommands: `ctx.commands.add("name", handler, usage=..., summary=...)`; the handler
  gets a `SlashCommand` (`who`, `args`, `client`, `respond`, `trigger_id`, `channel_id`) and runs
  in the background after the ack.
- A Web API client outside a request (reminders): `await ctx.client_for_org(org_id)` ->
  `(team, client)` or None; `await ctx.client_for_team(team)`; `ctx.client(token)` for a raw one.
  All use the configured base URL (`OIAR_SLACK_API_URL`).
- Starting someone's interview in a DM: `interview.open_dm(ctx, client, who)`.
"""

from assistant.slack.app import SlackRuntime, build_slack_app
from assistant.slack.context import SlackConfig, SlackContext

__all__ = ["SlackConfig", "SlackContext", "SlackRuntime", "build_slack_app"]
