"""schemathesis hooks for the contract run: the seeded ids (scripts/lib/contract_seed.py) reach
each operation on its own, in every phase. Loaded with SCHEMATHESIS_HOOKS=contract_hooks (this
folder on PYTHONPATH) and CONTRACT_SEED=the seed's JSON file.

Why a `before_call` hook rather than the configuration's dictionaries or generation hooks:
- schemathesis 4.32 binds a dictionary per parameter *name* across all operations, so a deleting
  operation drew the ids the reads needed and took them away;
- it also learns ids from answers and offers them to other operations (its resource pool), and
  the stateful phase's links carry them: a delete could reach a seeded thing either way;
- the coverage phase applies no generation hooks, and an operation is reported as "missing test
  data" when, in any one phase, all its valid requests were refused with mostly 404s.
`before_call` sees every request just before it goes, whatever phase and origin.

What it does to a request:
- a request meant to be valid takes seeded ids, every other one of its operation's requests (so
  the fuzzer still tries unknown ids, and a run repeats with its seed): each seeded parameter
  (path or body) whose value is schema-valid gets, in turn, one of its operation's own things
  (`doomed`: what it deletes or uses up, or values only it needs, such as a key the provider
  accepts) or else one of the shared ones;
- an operation with things of its own never sends another seeded id (`keep_seeded_things`);
- a request meant to be valid gets a fresh `Idempotency-Key` when it carries one;
- a valid inbound mail (`receive_email`) is signed with the server's inbound secret.
A request meant to be invalid is sent as generated: changing it would make schemathesis judge it
again (and send a request meant to miss its `Authorization` with it).
"""
import collections
import hashlib
import hmac
import json
import os
import re
import time
import uuid

import schemathesis

with open(os.environ["CONTRACT_SEED"], encoding="utf-8") as seed_file:
    SEED = json.load(seed_file)
SHARED = SEED["shared"]  # "path.x" / "body.x" → ids
DOOMED = SEED["doomed"]  # operation id → {"path.x" / "body.x" / "body": its own values}
# Every seeded id, by parameter: the shared ones and each operation's own.
SEEDED = collections.defaultdict(set)
for ids_by_key in (SHARED, *DOOMED.values()):
    for key, ids in ids_by_key.items():
        SEEDED[key].update(i for i in ids if isinstance(i, str))

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TOKEN_MAX = 200  # the schema's maxLength for `token` path parameters
IDEMPOTENCY_KEY = re.compile(r"^[!-~]{1,255}$")
CALLS = collections.Counter()  # valid requests sent, by operation
# The server's inbound secret: a valid inbound mail is signed as an inbound-parse service signs it.
INBOUND_SECRET = os.environ.get("CONTRACT_INBOUND_SECRET", "")


def operation_id(case):
    return case.operation.definition.raw.get("operationId")


def is_id(name):
    return name in ("id", "before", "after") or name.endswith("_id")


def schema_valid(name, value, seeded):
    """Whether a generated value is valid for its parameter (so a seeded one may take its place):
    an id, a link's token, or a value of the seeded one's type."""
    if name == "token":
        return isinstance(value, str) and 0 < len(value) <= TOKEN_MAX
    if is_id(name):
        return isinstance(value, str) and bool(UUID.match(value))
    return isinstance(value, type(seeded))


NEXT = collections.Counter()  # the next seeded value to send, by operation and parameter


def take(operation, key, values):
    """The seeded values in turn (things used up, such as mail links, are each tried once
    before any again; and a run repeats)."""
    index = NEXT[(operation, key)]
    NEXT[(operation, key)] += 1
    return values[index % len(values)]


def with_seeded_values(operation, location, values):
    """`values` (path parameters or a JSON body) with each seeded parameter taking a seeded value."""
    own = DOOMED.get(operation, {})
    changed = dict(values)
    for name, value in values.items():
        key = f"{location}.{name}"
        seeded = own.get(key) or SHARED.get(key)
        if seeded and schema_valid(name, value, seeded[0]):
            changed[name] = take(operation, key, seeded)
    return changed


def keep_seeded_things(case):
    """An operation that deletes or uses things up (or changes roles) works on the things the
    seed set aside for it (`doomed`): any other seeded id it was about to send becomes one of its
    own. A new deleting operation on a seeded thing needs things of its own in contract_seed.py."""
    own = DOOMED.get(operation_id(case))
    parameters = case.path_parameters or {}
    if not own:
        return parameters
    kept = dict(parameters)
    for name, value in parameters.items():
        ids = own.get(f"path.{name}")
        seeded = isinstance(value, str) and value in SEEDED[f"path.{name}"]
        if ids and seeded and value not in ids:
            kept[name] = take(operation_id(case), f"path.{name}", ids)
    return kept


@schemathesis.hook
def before_call(ctx, case, kwargs):
    operation = operation_id(case)
    negative = case.meta is not None and case.meta.generation.mode.is_negative
    path_parameters = case.path_parameters or {}
    body = case.body
    headers = case.headers or {}
    if not negative:
        CALLS[operation] += 1
        if CALLS[operation] % 2 == 1:
            path_parameters = with_seeded_values(operation, "path", path_parameters)
            if isinstance(body, dict):
                body = with_seeded_values(operation, "body", body)
            elif isinstance(body, (bytes, str)) and DOOMED.get(operation, {}).get("body"):
                # A whole body that is not JSON (an uploaded list).
                whole = take(operation, "body", DOOMED[operation]["body"])
                body = whole.encode() if isinstance(body, bytes) else whole
        if IDEMPOTENCY_KEY.match(str(headers.get("Idempotency-Key", ""))):
            # As a client makes one: a key sent twice with two bodies rightly answers 422
            # `idempotency_key_reused` (or replays an answer about a thing deleted since).
            # Replays are the API tests' to check.
            case.headers = {**headers, "Idempotency-Key": str(uuid.uuid4())}
    if path_parameters != (case.path_parameters or {}):
        case.path_parameters = path_parameters
    if body != case.body:
        case.body = body
    kept = keep_seeded_things(case)
    if kept != (case.path_parameters or {}):
        case.path_parameters = kept
    if not negative and operation == "receive_email" and INBOUND_SECRET:
        sign_inbound_mail(case)


def sign_inbound_mail(case):
    """`X-Rapport-Timestamp` and `X-Rapport-Signature` over the body as it will be sent (requests
    writes a JSON body with `json.dumps`)."""
    body = case.body
    if isinstance(body, bytes):
        sent = body
    elif isinstance(body, str):
        sent = body.encode()
    else:
        sent = json.dumps(body, allow_nan=False).encode()
    stamp = str(int(time.time()))
    mac = hmac.new(INBOUND_SECRET.encode(), stamp.encode() + b"." + sent, hashlib.sha256).hexdigest()
    case.headers = {**(case.headers or {}), "X-Rapport-Timestamp": stamp, "X-Rapport-Signature": f"sha256={mac}"}
