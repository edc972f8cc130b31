"""Checks the OpenAPI document the way its users meet it:
1. every `$ref` in it points at something in the document;
2. a standard validator accepts it (openapi-spec-validator);
3. a standard generator makes a client from it without a warning (openapi-python-client), and the
   client has a function for every operation (the team's reminder list among them).

usage: check_openapi.py OPENAPI_JSON   (run with the test virtualenv's python)
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

from openapi_spec_validator import validate


def refs(node, where="#"):
    """Yields (where, $ref) for every reference in the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from refs(value, f"{where}/{index}")


def resolves(document, ref):
    if not ref.startswith("#/"):
        return False
    node = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return False
    return True


def snake(name):
    return re.sub(r"[^a-z0-9]+", "_", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()).strip("_")


def main():
    path = pathlib.Path(sys.argv[1])
    document = json.loads(path.read_text())
    failures = []

    dangling = [(where, ref) for where, ref in refs(document) if not resolves(document, ref)]
    failures += [f"{where}: $ref {ref} points at nothing" for where, ref in dangling]

    try:
        validate(document)
    except Exception as error:  # the validator's errors have no common base class
        failures.append(f"openapi-spec-validator: {str(error)[:500]}")

    operations = [(op["tags"][0], op["operationId"])
                  for item in document["paths"].values()
                  for method, op in item.items() if isinstance(op, dict) and "operationId" in op]
    generator = pathlib.Path(sys.executable).parent / "openapi-python-client"
    with tempfile.TemporaryDirectory() as work:
        config = pathlib.Path(work, "config.yaml")
        config.write_text("post_hooks: []\n")  # no formatter: the code is read, not kept
        out = pathlib.Path(work, "client")
        run = subprocess.run(
            [str(generator), "generate", "--path", str(path), "--output-path", str(out),
             "--meta", "none", "--config", str(config), "--fail-on-warning"],
            capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"openapi-python-client failed:\n{run.stdout}{run.stderr}")
        missing = [f"{tag}/{operation}" for tag, operation in operations
                   if not (out / "api" / snake(tag) / f"{snake(operation)}.py").is_file()]
        if missing:
            failures.append(f"the generated client lacks {len(missing)} operation(s): {', '.join(missing)}")
        if not (out / "api" / "reminders" / "list_team_reminders.py").is_file():
            failures.append("the generated client has no list_team_reminders (GET /teams/{team_id}/reminders)")

    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    print(f"openapi: {len(operations)} operations, {sum(1 for _ in refs(document))} references: "
          f"{'valid, and a client generated with every operation' if not failures else 'INVALID'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
