"""Runs aws:executeScript handlers for the SSM test runner, one JSON request per stdin line.

A request is either {"id", "script", "handler", "payload", "context"} (run a step the way SSM runs it:
handler(events, context) whose return value becomes $.Payload) or {"id", "script", "function",
"args"} (call one function of a script directly, for unit tests of its logic). Each request gets a
fresh module namespace. Every AWS call the script makes is recorded with its IAM action and
parameters, so the tests can hold the document to its least-privilege policy. boto3 reaches moto
through AWS_ENDPOINT_URL in this process's environment.
"""

import contextlib
import io
import json
import sys
import traceback

import boto3

_calls = []


def _record_call(params, model, **_):
    service = model.service_model
    prefix = service.signing_name or service.endpoint_prefix
    _calls.append({"iamAction": f"{prefix}:{model.name}", "params": params})


def _session():
    boto3.setup_default_session()
    boto3.DEFAULT_SESSION.events.register("before-parameter-build", _record_call)


def _run(request):
    namespace = {"__name__": "ssm_script"}
    exec(compile(request["script"], "<executeScript>", "exec"), namespace)
    if "function" in request:
        target = namespace.get(request["function"])
        if not callable(target):
            raise NameError(f"the script defines no function {request['function']!r}")
        return target(*request.get("args", []))
    handler = namespace.get(request["handler"])
    if not callable(handler):
        raise NameError(f"the script defines no handler {request['handler']!r}")
    return handler(request.get("payload") or {}, request.get("context") or {})


def main():
    _session()
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        _calls.clear()
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                result = _run(request)
            # SSM serializes the return value as JSON and fails the step when it cannot.
            reply = {"ok": True, "result": json.loads(json.dumps(result))}
        except Exception as error:  # the step fails with the script's own error
            reply = {
                "ok": False,
                "error": f"{type(error).__name__}: {error}",
                "traceback": traceback.format_exc(),
            }
        reply.update(id=request["id"], calls=list(_calls), printed=printed.getvalue())
        out.write(json.dumps(reply, default=str) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
