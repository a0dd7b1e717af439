#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the unit tests' raw-string samples, the
example configuration and hand-picked streams. Run from the repository root; idempotent.
Seeds are named by content hash, so re-running adds nothing twice. The wire corpora were then
minimized with libFuzzer's -merge=1 (build-fuzz/<target> -merge=1 NEW_DIR GENERATED_DIR)."""
import hashlib, os, re, struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAW = re.compile(r'R"\((.*?)\)"', re.S)


def raw_strings(path):
    with open(os.path.join(ROOT, path)) as f:
        return [s for s in RAW.findall(f.read()) if s.strip()]


def put(target, data):
    d = os.path.join(ROOT, "fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    data = data.encode() if isinstance(data, str) else data
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def wire(target, sources):
    for path, selectors in sources.items():
        for s in raw_strings(path):
            for sel in selectors:
                put(target, bytes([sel]) + s.encode())


wire("openai_wire_fuzz", {
    "src/wire/openai/chat_request_test.cc": [0],
    "src/wire/openai/chat_request_fast_test.cc": [0],
    "src/wire/openai/chat_request_encode_test.cc": [0, 2],
    "src/wire/openai/embeddings_test.cc": [1, 3],
    "src/wire/openai/chat_response_test.cc": [2],
    "src/wire/openai/chat_response_fast_test.cc": [2],
    "src/wire/openai/stream_test.cc": [4],
    "src/wire/openai/errors_test.cc": [5],
})
wire("ollama_wire_fuzz", {
    "src/wire/ollama/chat_request_test.cc": [0, 1],
    "src/wire/ollama/internal_test.cc": [0],
    "src/wire/ollama/embeddings_test.cc": [2, 3, 6],
    "src/wire/ollama/provider_response_test.cc": [4, 5, 7],
    "src/wire/ollama/chat_response_fast_test.cc": [4],
    "src/wire/ollama/provider_test.cc": [4, 7],
    "src/wire/ollama/stream_test.cc": [7],
    "src/wire/ollama/errors_test.cc": [8],
})


def split_seed(text, limit, fractions):
    """The layout of fuzz/split_input.h: limit byte, cut count, 2 bytes per cut, the text."""
    head = bytes([limit, len(fractions)]) + b"".join(struct.pack(">H", f) for f in fractions)
    return head + text.encode()


SSE = [
    'data: {"a":1}\n\n: keep-alive\n\ndata: line one\ndata: line two\n\nevent: delta\ndata: x\n\n'
    'data:\n\ndata: [DONE]\n\n',
    'data: {"a":1}\r\n\r\nid: 7\r\nretry: 10\r\ndata: b\r\n\r\n',
    'data: a\r\rdata: b\r\r\r\ndata\n\nevent:e\ndata:c',
]
NDJSON = [
    '{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}\n'
    '{"model":"m","done":true,"eval_count":3}\n',
    '{"a":1}\r\n\r\n\n{"b":2}',
    '\n\n{"error":"boom"}\n',
]
for i, s in enumerate(SSE):
    put("sse_fuzz", split_seed(s, 0, [100 * i + 7, 30000, 65535]))
    put("sse_fuzz", split_seed(s, 128 + 40, [20000]))
for i, s in enumerate(NDJSON):
    put("ndjson_fuzz", split_seed(s, 0, [9000 * (i + 1), 40000]))
    put("ndjson_fuzz", split_seed(s, 128 + 30, [1]))

put("config_fuzz", open(os.path.join(ROOT, "config/splitpoint.example.yaml")).read())
for path in ["src/config/errors_test.cc", "src/config/loader_test.cc",
             "src/config/router_section_test.cc"]:
    for s in raw_strings(path):
        put("config_fuzz", s)
put("config_fuzz", "server:\n  listen: ${SP_FUZZ_VAR}\n  api_keys: [${UNSET:-k}]\n")

PII = [
    "Hi, I am reachable at jane.roe@example.org or +49 30 1234 5678. IBAN DE89 3704 0044 0532 "
    "0130 00, card 4111 1111 1111 1111, server 10.20.30.40, key sk-abcdefghijklmnopqrstuvwxyz0123.",
    "Template: Dear [EMAIL_1], see [IBAN_2]. Me: a@b.de and [EMAIL_1_abcd] [SECRET_1",
    "SSN 078-05-1120, AKIAIOSFODNN7EXAMPLE, Bearer abcdefghijklmnopqrstuvwxyz012345 2001:db8::1",
]
ARGS = [
    '{"to":"jane.roe@example.org","card":4111111111111111,"note":"call\\n+49 30 1234 5678"}',
    '{"k":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----","q":"\\"a@b.de\\""}',
]


def redaction_seed(system, user, args, user2, fractions):
    """The layout of redaction_fuzz.cc: cut count, 2 bytes per cut, three length-prefixed texts,
    the rest."""
    out = bytes([len(fractions)]) + b"".join(struct.pack(">H", f) for f in fractions)
    for t in (system, user, args):
        b = t.encode()
        out += struct.pack(">H", len(b)) + b
    return out + user2.encode()


for i, text in enumerate(PII):
    put("redaction_fuzz", redaction_seed("ops@example.org", text, ARGS[i % 2], PII[(i + 1) % 3],
                                         [1000 * i + 5, 30000, 50000]))
