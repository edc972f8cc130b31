"""Real data for the contract run: makes, through the API, one of every kind of thing an operation
takes an id of (a board with its columns and cards, influencers, labels, notes, comments, reminders,
a conversation and its mail, posts, webhooks, API keys, invitations both ways, members, a creator
profile with accounts, connections both ways, sources and their matches, notifications), and prints
the ids as JSON for the run's hooks (scripts/lib/contract_hooks.py), which give them to every
other valid request of each operation, so the fuzzer still tries unknown ids. Deleting operations
get things of their own (`reserve`), and the hooks keep the others' from them, so they cannot
take away what the others read; `reserve` also gives an operation values only it needs (a key
the provider mock accepts, a CSV text, unused profiles).

It also makes what no call of a single signed-in user can (an invitation received from another
team, a connection, a mail with a reply address, a verified login), which the OpenAPI links of
the stateful phase cannot reach.

usage: contract_seed.py BASE_URL ACCESS_TOKEN   (the contract user's; prints JSON on stdout)
"""
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1].rstrip("/")
TOKEN = sys.argv[2]
API = BASE + "/api/v1"
PASSWORD = "seed-password-0123"


def call(method, path, token=TOKEN, body=None, ok=(200, 201, 202, 204)):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(API + path, data=data, method=method)
    if token:
        request.add_header("authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if status not in ok:
        raise SystemExit(f"seed: {method} {path} answered {status}: {text[:300]}")
    return json.loads(text) if text else None


def signup(email, name, kind="brand"):
    body = {"email": email, "password": PASSWORD, "name": name}
    if kind != "brand":
        body["kind"] = kind
    session = call("POST", "/auth/signup", token=None, body=body)
    return session["access_token"]


def me(token=TOKEN):
    return call("GET", "/me", token=token)


def mails_to(address):
    return call("GET", f"/dev/mailbox?to={address}")["items"]


def token_in(mails, pattern):
    for mail in mails:
        found = re.search(pattern, json.dumps(mail))
        if found:
            return found.group(1)
    raise SystemExit(f"seed: no mail matches {pattern}")


shared = {}  # parameter → ids every operation may use
doomed = {}  # operation id → {parameter: ids} for the operations that delete or use things up


def offer(parameter, *ids):
    shared.setdefault(parameter, []).extend(str(i) for i in ids if i)


def reserve(operation, parameter, *values):
    """Things (ids, or other values the operation needs) only `operation` draws."""
    doomed.setdefault(operation, {}).setdefault(parameter, []).extend(
        value if isinstance(value, list) else str(value) for value in values if value
    )


def main():
    owner = me()
    team = owner["teams"][0]["id"]
    offer("path.team_id", team)

    # The CRM: a board with columns and cards, influencers with notes, comments and reminders.
    def board(name):
        made = call("POST", f"/teams/{team}/boards", body={"name": name, "columns": ["To contact", "Live", "Spare"]})
        view = call("GET", f"/boards/{made['id']}")
        return made["id"], [column["id"] for column in view["columns"]]

    board_id, columns = board("Seed board")
    offer("path.board_id", board_id)
    offer("path.column_id", *columns)
    offer("body.column_id", *columns)
    doomed_board, _ = board("Seed board to delete")
    reserve("delete_board", "path.board_id", doomed_board)
    _, doomed_columns = board("Seed board for columns")
    reserve("delete_column", "path.column_id", *doomed_columns)

    def influencer(handle):
        made = call("POST", f"/teams/{team}/influencers", body={"profile": f"https://www.instagram.com/{handle}/"})
        return made["id"], made["accounts"][0]["id"]

    influencers = [influencer(f"seed.creator{n}") for n in range(3)]
    first, first_account = influencers[0]
    call("PATCH", f"/influencers/{first}", body={"email": "seed.creator0@creators.example"})
    offer("path.influencer_id", *(i for i, _ in influencers))
    offer("body.influencer_id", *(i for i, _ in influencers))
    offer("path.account_id", *(a for _, a in influencers))
    offer("body.account_id", *(a for _, a in influencers))
    doomed_influencer, _ = influencer("seed.todelete")
    reserve("delete_influencer", "path.influencer_id", doomed_influencer)
    extra = call("POST", f"/influencers/{first}/accounts", body={"profile": "https://www.tiktok.com/@seed.creator0"})
    extra_account = [a["id"] for a in extra["accounts"] if a["id"] != first_account]
    reserve("remove_account", "path.influencer_id", first)
    reserve("remove_account", "path.account_id", *extra_account)

    cards = [
        call("POST", f"/boards/{board_id}/cards", body={"column_id": columns[0], "influencer_id": i})["id"]
        for i, _ in influencers
    ]
    offer("path.card_id", *cards)
    offer("body.before", *cards)
    offer("body.after", *cards)
    doomed_card = call(
        "POST", f"/boards/{board_id}/cards", body={"column_id": columns[2], "influencer_id": doomed_influencer}
    )["id"]
    reserve("remove_card", "path.card_id", doomed_card)

    labels = [
        call("POST", f"/boards/{board_id}/labels", body={"name": f"Seed {n}", "color": "#2f9e44"})["id"]
        for n in range(2)
    ]
    call("PUT", f"/cards/{cards[0]}/labels/{labels[0]}")
    offer("path.label_id", *labels)
    reserve("remove_label", "path.card_id", cards[0])
    reserve("remove_label", "path.label_id", labels[0])
    reserve(
        "delete_label",
        "path.label_id",
        call("POST", f"/boards/{board_id}/labels", body={"name": "Seed gone", "color": "#e03131"})["id"],
    )

    for kind, operation in (("notes", "note"), ("comments", "comment")):
        kept = call("POST", f"/influencers/{first}/{kind}", body={"body": "Seeded."})["id"]
        gone = call("POST", f"/influencers/{first}/{kind}", body={"body": "Seeded, to delete."})["id"]
        offer(f"path.{operation}_id", kept)
        reserve(f"delete_{operation}", f"path.{operation}_id", gone)
    reminder = {"text": "Follow up", "due_at": "2030-01-01T10:00:00Z"}
    offer("path.reminder_id", call("POST", f"/influencers/{first}/reminders", body=reminder)["id"])
    reserve(
        "delete_reminder", "path.reminder_id", call("POST", f"/influencers/{first}/reminders", body=reminder)["id"]
    )
    offer("body.assignee_id", owner["user"]["id"])

    # Content: a post by hand.
    post = {"account_id": first_account, "link": "https://www.instagram.com/p/SEEDPOST1/"}
    offer("path.post_id", call("POST", f"/boards/{board_id}/posts", body=post)["post"]["id"])
    post = {"account_id": first_account, "link": "https://www.instagram.com/p/SEEDPOST2/"}
    reserve("remove_board_post", "path.post_id", call("POST", f"/boards/{board_id}/posts", body=post)["post"]["id"])

    # A conversation by e-mail, and its mail (with a reply address) in the dev mailbox.
    conversation = call("POST", f"/teams/{team}/conversations", body={"influencer_id": first})["id"]
    offer("path.conversation_id", conversation)
    call("POST", f"/conversations/{conversation}/messages", body={"text": "Hello from the seed."})
    mails = mails_to("seed.creator0@creators.example")
    offer("path.mail_id", *(mail["id"] for mail in mails))
    # A reply to it by e-mail, as an inbound-parse service hands it over (the run's hooks sign it).
    reserve("receive_email", "body.from", "seed.creator0@creators.example")
    reserve("receive_email", "body.to", *(mail["reply_to"] for mail in mails if mail.get("reply_to")))

    # A YouTube key (the one the run's provider accepts), for the operations on the team's key.
    call("PUT", f"/teams/{team}/integrations/youtube", body={"api_key": "contract-youtube-key"})

    # Integrators: webhooks and API keys.
    hook = {"url": "http://127.0.0.1:9/hook", "events": ["card.moved"]}
    offer("path.webhook_id", call("POST", f"/teams/{team}/webhooks", body=hook)["id"])
    reserve("delete_webhook", "path.webhook_id", call("POST", f"/teams/{team}/webhooks", body=hook)["id"])
    reserve(
        "revoke_api_key",
        "path.key_id",
        call("POST", f"/teams/{team}/api-keys", body={"name": "Seed", "scope": "read"})["id"],
    )

    # Members: two teammates (one to remove), in a team of their own. Changing roles and removing
    # members never draw the contract user's main team: a fuzzed request could make a teammate
    # owner and then the contract user leave, and every later request would see only 404.
    sandbox = call("POST", "/teams", body={"name": "Seed members"})["id"]

    def teammate(email, name):
        call("POST", f"/teams/{sandbox}/invites", body={"email": email, "role": "member"})
        token = token_in(mails_to(email), r"/invites/([A-Za-z0-9_-]{16,})")
        their = signup(email, name)
        call("POST", f"/invites/{token}/accept", token=their)
        return me(their)["user"]["id"], their

    member, _ = teammate("seed.member@brand.example", "Seed Member")
    gone_member, _ = teammate("seed.leaver@brand.example", "Seed Leaver")
    for operation, user in (("update_member", member), ("remove_member", gone_member)):
        reserve(operation, "path.team_id", sandbox)
        reserve(operation, "path.user_id", user)
    reserve(
        "revoke_invite",
        "path.invite_id",
        call("POST", f"/teams/{team}/invites", body={"email": "seed.pending@brand.example"})["id"],
    )

    # Other brands invite the contract user to their teams: invitation links to read, and to
    # accept (each used once: a used one answers 410).
    contract_email = owner["user"]["email"]
    invite_link = r"/invites/([A-Za-z0-9_-]{16,})"
    for operation in ("get_invite", "accept_invite"):
        other = signup(f"seed.{operation}@brand.example", "Seed Other")
        other_team = me(other)["teams"][0]["id"]
        known = set(re.findall(invite_link, json.dumps(mails_to(contract_email))))
        call("POST", f"/teams/{other_team}/invites", token=other, body={"email": contract_email, "role": "member"})
        new = set(re.findall(invite_link, json.dumps(mails_to(contract_email)))) - known
        reserve(operation, "path.token", *new)

    # The network: creators the team invites and connects with.
    def creator(email, name, handle):
        their = signup(email, name, kind="creator")
        call("POST", "/creator/accounts", token=their, body={"profile": f"instagram.com/{handle}", "followers": 12000})
        return their, me(their)["creator_id"]

    _, pending_creator = creator("seed.ada@creators.example", "Ada Seed", "ada.seed")
    offer("path.creator_id", pending_creator)
    offer("body.creator_id", pending_creator)
    reserve(
        "revoke_connection_invite",
        "path.invite_id",
        call("POST", f"/teams/{team}/connection-invites", body={"creator_id": pending_creator})["id"],
    )
    connected_token, connected = creator("seed.bo@creators.example", "Bo Seed", "bo.seed")
    invite = call("POST", f"/teams/{team}/connection-invites", body={"creator_id": connected})["id"]
    accepted = call("POST", f"/creator/connection-invites/{invite}/accept", token=connected_token)
    reserve("end_team_connection", "path.connection_id", accepted["id"])

    # The contract user is a creator too: accounts, invitations from other teams, a connection.
    call("POST", "/creator", body={})
    for handle in ("contract.creator", "contract.spare"):
        call("POST", "/creator/accounts", body={"profile": f"instagram.com/{handle}", "followers": 5000})
    profile = call("GET", "/creator")
    accounts = [account["id"] for account in profile["accounts"]]
    reserve("release_account", "path.account_id", accounts[-1])
    # Two TikTok accounts verified by logging in (the contract run's TikTok is a local mock, when
    # the server has one: scripts/lib/tiktok_provider.py): a login to forget, and one to change.
    for code, operation in (("contract-code", "forget_account_login"), ("contract-code-2", "update_creator_account")):
        started = call("POST", "/creator/verifications", body={"platform": "tiktok", "share_figures": False},
                       ok=(201, 409))
        if not started or "authorize_url" not in started:
            break
        state = urllib.parse.parse_qs(urllib.parse.urlsplit(started["authorize_url"]).query)["state"][0]
        before = {a["id"] for a in call("GET", "/creator")["accounts"] if a.get("platform") == "tiktok"}
        verified = call("POST", "/creator/verifications/callback", body={"state": state, "code": code})
        reserve(operation, "path.account_id",
                *(a["id"] for a in verified["accounts"] if a.get("platform") == "tiktok" and a["id"] not in before))
    own_creator = me()["creator_id"]

    connect_link = r"/connect/([A-Za-z0-9_-]{16,})"

    def invited_by_a_brand(n):
        """An invitation to connect from another brand; its id and its mail's two links."""
        inviter = signup(f"seed.brand{n}@brand.example", f"Seed Brand {n}")
        inviter_team = me(inviter)["teams"][0]["id"]
        known = set(re.findall(connect_link, json.dumps(mails_to(contract_email))))
        invite = call("POST", f"/teams/{inviter_team}/connection-invites", token=inviter,
                      body={"creator_id": own_creator})["id"]
        links = [t for t in re.findall(connect_link, json.dumps(mails_to(contract_email))) if t not in known]
        return invite, list(dict.fromkeys(links))

    received = [invited_by_a_brand(n)[0] for n in range(3)]
    mine = call("POST", f"/creator/connection-invites/{received[0]}/accept")
    offer("path.connection_id", mine["id"])
    reserve("end_creator_connection", "path.connection_id", mine["id"])
    reserve("accept_connection_invite", "path.invite_id", received[1])
    reserve("decline_connection_invite", "path.invite_id", received[2])
    # Mail links work once each (either of an invitation's two decides it): enough invitations
    # that each phase of the run finds one still pending, the first links of each first.
    linked = [invited_by_a_brand(n)[1] for n in range(3, 11)]
    tokens = [links[0] for links in linked if links] + [link for links in linked for link in links[1:]]
    for operation in ("get_connection_link", "follow_connection_link"):
        reserve(operation, "path.token", *tokens)

    # Notifications the invitations brought.
    offer("path.notification_id", *(n["id"] for n in call("GET", "/notifications")["items"]))

    # Sources: an influencer added by hand who is a creator of the network makes a match.
    imported = call(
        "POST",
        f"/teams/{team}/sources/manual",
        body={"instagram": "ada.seed", "email": "seed.ada@creators.example"},
    )
    offer("path.source_id", imported["source"]["id"] if isinstance(imported.get("source"), dict) else None)
    # A Mailchimp audience (the key the run's provider accepts): a source that syncs.
    lists = call(
        "POST",
        f"/teams/{team}/sources/mailchimp",
        body={"api_key": "contract-mailchimp-key-us1", "list_ids": ["seedlist", "seedlist2"]},
    )
    offer("path.source_id", lists[0]["id"])
    reserve("disconnect_source", "path.source_id", lists[1]["id"])
    # What the providers accept, for the operations a generated key or list can never satisfy:
    # checking a key, connecting a third list, replacing the Mailchimp source's key.
    mailchimp_key = "contract-mailchimp-key-us1"
    for operation in ("check_list_key", "connect_lists"):
        reserve(operation, "path.provider", "mailchimp")
        reserve(operation, "body.api_key", mailchimp_key)
    reserve("connect_lists", "body.list_ids", ["seedlist3"])
    reserve("replace_source_key", "path.source_id", lists[0]["id"])
    reserve("replace_source_key", "body.api_key", mailchimp_key)
    reserve("set_youtube_key", "body.api_key", "contract-youtube-key")
    reserve("upload_csv", "body", "email,name\nseed.ada@creators.example,Ada\nseed.list@brand.example,List\n")
    # A webhook on loopback (the run's server allows private targets; a generated host resolves
    # to nothing).
    reserve("create_webhook", "body.url", "http://127.0.0.1:9/contract-hook")
    # Profiles nobody has yet, for adding an account to an influencer (each works once).
    reserve("add_account", "body.profile", *(f"https://www.youtube.com/@seed.extra{n}" for n in range(12)))
    matches = call("GET", f"/teams/{team}/source-matches")
    items = matches["items"] if isinstance(matches, dict) else matches
    offer("path.match_id", *(match["id"] for match in items))

    print_seed()


def print_seed():
    print(json.dumps({"shared": shared, "doomed": doomed}, indent=1))


if __name__ == "__main__":
    main()
