#!/usr/bin/env python3
"""Writes the bad-input corpus under Tests/APIRefKitTests/Fixtures/bad-input/.

Each file replaces one file of the small valid `_base` rule fixture (the folder names the role:
json = a sample, parameters = parameters.yaml, project = apiref.yaml, page = the Markdown page).
Every case must give located diagnostics and exit status 1 or 2: never a crash or a hang.
Re-run after editing; the output is committed.
"""
import os, shutil

root = os.path.join(os.path.dirname(__file__), "..", "Tests", "APIRefKitTests", "Fixtures", "bad-input")
shutil.rmtree(root, ignore_errors=True)

def put(role, name, data):
    folder = os.path.join(root, role)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

good_json = '{"widget": {"id": "w1", "size": 3}}\n'
json_cases = {
    "empty.json": b"",
    "whitespace-only.json": b"  \n\t\n",
    "truncated-object.json": b'{"widget": {"id": "w1", "si',
    "truncated-string.json": b'{"widget": {"id": "w1',
    "truncated-escape.json": b'{"widget": {"id": "w1\\',
    "binary-garbage.json": bytes(range(256)),
    "nul-bytes.json": b'{"widget": {"id": "\x00"}}',
    "invalid-utf8.json": b'{"widget": {"id": "\xff\xfe"}}',
    "overlong-utf8.json": b'{"widget": {"id": "\xc0\xaf"}}',
    "utf16-bom.json": "\ufeff".encode("utf-16-le") + good_json.encode("utf-16-le"),
    "utf8-bom.json": b"\xef\xbb\xbf" + good_json.encode(),
    "crlf-with-error.json": b'{\r\n  "widget": {\r\n    "id": "w1",\r\n    "size": "3"\r\n  }\r\n}\r\n',
    "tabs-with-error.json": b'{\n\t"widget": {\n\t\t"id": 7,\n\t\t"size": 3\n\t}\n}\n',
    "huge-integer.json": ('{"widget": {"id": ' + "9" * 5000 + ', "size": 3}}').encode(),
    "ok-huge-integer.json": ('{"widget": {"id": "w1", "size": ' + "9" * 5000 + "}}").encode(),
    "huge-exponent.json": b'{"widget": {"id": "w1", "size": 1e999999999}}',
    "negative-zero-float.json": b'{"widget": {"id": "w1", "size": -0.0}}',
    "deep-arrays.json": b"[" * 100000,
    "deep-objects.json": b'{"a":' * 20000 + b"1" + b"}" * 20000,
    "deep-but-closed.json": b"[" * 70 + b"]" * 70,
    "trailing-comma.json": b'{"widget": {"id": "w1", "size": 3,}}',
    "comment.json": b'// a comment\n{"widget": {}}',
    "single-quotes.json": b"{'widget': {}}",
    "nan.json": b'{"widget": {"id": "w1", "size": NaN}}',
    "lone-surrogate.json": b'{"widget": {"id": "\\ud800"}}',
    "control-char.json": b'{"widget": {"id": "a\x01b"}}',
    "two-values.json": b'{"widget": {}} {"widget": {}}',
    "top-level-string.json": b'"just a string"',
    "top-level-array.json": b'[{"widget": {}}]',
    "duplicate-keys.json": b'{"widget": {"id": "a", "id": "b", "size": 1, "size": 2}}',
    "wrong-types-everywhere.json": b'{"widget": {"id": [], "size": {}}}',
    "long-line.json": ('{"widget": {"id": "' + "x" * 100000 + '", "size": "big"}}').encode(),
    "ok-crlf.json": good_json.replace("\n", "\r\n").encode(),
    "non-ascii-keys.json": '{"widget": {"id": "w1", "size": 3, "größe": "ü", "🙂": 1}}'.encode(),
}
for name, data in json_cases.items():
    put("json", name, data)

base_params = open(os.path.join(os.path.dirname(__file__), "..", "Tests", "APIRefKitTests", "Fixtures", "rules", "_base.txtar")).read()
params = base_params.split("-- parameters.yaml --\n")[1].split("\n-- ")[0] + "\n"
param_cases = {
    "empty.yaml": b"",
    "only-comment.yaml": b"# nothing here\n",
    "scalar-root.yaml": b"just text\n",
    "list-root.yaml": b"- a\n- b\n",
    "binary.yaml": bytes(range(256)),
    "invalid-utf8.yaml": params.encode().replace(b"The widget's ID.", b"The widget\xff ID."),
    "utf8-bom.yaml": b"\xef\xbb\xbf" + params.replace("type: integer", "type: intgr").encode(),
    "crlf-with-error.yaml": params.replace("in: path", "in: pth").replace("\n", "\r\n").encode(),
    "tab-indentation.yaml": params.replace("  in: path", "\tin: path").encode(),
    "truncated.yaml": params.encode()[: len(params) // 2],
    "unclosed-quote.yaml": params.replace("description: The widget's ID.", 'description: "The widget\'s ID.').encode(),
    "unclosed-flow.yaml": params.replace("enum: [red, blue]", "enum: [red, blue").encode(),
    "billion-laughs.yaml": (params + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
        + "boom: [" + ", ".join(["*i"] * 2000) + "]\n" + "bang: {" + ", ".join(f"k{n}: *i" for n in range(9000)) + "}\n").encode(),
    "alias-key-bomb.yaml": (params + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
        + "? *i\n: 1\n" * 2 ).encode(),
    "deep-flow.yaml": (params + "deep: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
    "deep-indent.yaml": (params + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(300)) + " " * 600 + "v: 1\n").encode(),
    "undefined-alias.yaml": (params + "x:\n  <<: *nowhere\n").encode(),
    "huge-number-version.yaml": params.replace('min_version: "1.2"', 'min_version: "1.99999999999999999999"').encode(),
    "version-as-list.yaml": params.replace('min_version: "1.2"', "min_version: [1, 2]").encode(),
    "definition-is-list.yaml": params.replace("widget_size:\n  in: body\n  type: integer\n  required: true\n  description: Size in centimetres.\n", "widget_size:\n  - in\n  - body\n").encode(),
    "required-as-string.yaml": params.replace("required: true\n  description: Size", 'required: "yes please"\n  description: Size').encode(),
    "duplicate-keys.yaml": (params + params.split("widget:")[0]).encode(),
    "nested-duplicate-key.yaml": params.replace("  type: integer\n", "  type: integer\n  type: number\n").encode(),
    "anchors-merge-loop.yaml": b"a: &a\n  <<: *a\n",
    "long-line.yaml": params.replace("Size in centimetres.", "x" * 100000 + ": [").encode(),
}
for name, data in param_cases.items():
    put("parameters", name, data)

project_cases = {
    "empty.yaml": b"",
    "ok-crlf.yaml": b'title: W\r\nservice: w\r\nversion_header: W\r\nmin_version: "1.0"\r\nmax_version: "1.5"\r\n',
    "binary.yaml": bytes(range(256)) * 4,
    "missing-everything.yaml": b"title: Widget API\n",
    "versions-inverted.yaml": b'title: W\nservice: w\nversion_header: W-API-Version\nmin_version: "1.5"\nmax_version: "1.0"\n',
    "versions-garbage.yaml": b'title: W\nservice: w\nversion_header: W-API-Version\nmin_version: one\nmax_version: {a: 1}\n',
    "pages-not-list.yaml": b'title: W\nservice: w\nversion_header: W\nmin_version: "1.0"\nmax_version: "1.5"\npages: {a: b}\n',
    "pages-escape.yaml": b'title: W\nservice: w\nversion_header: W\nmin_version: "1.0"\nmax_version: "1.5"\npages:\n  - ../../../etc/passwd\n',
    "pages-directory.yaml": b'title: W\nservice: w\nversion_header: W\nmin_version: "1.0"\nmax_version: "1.5"\npages:\n  - samples\n',
    "parameters-missing.yaml": b'title: W\nservice: w\nversion_header: W\nmin_version: "1.0"\nmax_version: "1.5"\nparameters: nope.yaml\n',
    "crlf-unknown-key.yaml": b'title: W\r\nservice: w\r\nversion_header: W\r\nmin_version: "1.0"\r\nmax_version: "1.5"\r\nmax_verison: "1.6"\r\n',
}
for name, data in project_cases.items():
    put("project", name, data)

page = base_params.split("-- pages/widgets.md --\n")[1].split("\n-- ")[0] + "\n"
page_cases = {
    "binary.md": bytes(range(256)),
    "invalid-utf8.md": page.encode().replace(b"Widgets are things.", b"Widgets \xc3\x28 things."),
    "endpoint-not-yaml.md": page.replace("method: GET", "method: GET\n  : : [").encode(),
    "endpoint-empty.md": b"# Widgets\n\n```endpoint\n```\n",
    "endpoint-scalar.md": b"# Widgets\n\n```endpoint\njust words\n```\n",
    "endpoint-unclosed-fence.md": page.replace("```\n\nReturns", "\nReturns").encode(),
    "ok-deep-blockquote.md": page.encode() + (b"> " * 20000) + b"deep\n",
    "ok-deep-emphasis.md": page.encode() + b"\n" + b"*a " * 20000 + b"x" + b" a*" * 20000 + b"\n",
    "ok-deep-list.md": page.encode() + b"\n" + b"".join(b"  " * i + b"- item\n" for i in range(300)),
    "ok-crlf.md": page.replace("\n", "\r\n").encode(),
    "crlf-bad-method.md": page.replace("method: GET", "method: FETCH").replace("\n", "\r\n").encode(),
    "tabs-in-yaml.md": page.replace("  - widget_id: widget_id_path", "\t- widget_id: widget_id_path").encode(),
    "huge-status.md": page.replace("success: [200]", "success: [" + "9" * 400 + "]").encode(),
    "link-hostile.md": page.replace("[show a widget](#show-widget)", "[x](javascript:alert(1)) [y](#%00) [z](../../../etc/passwd.md)").encode(),
}
for name, data in page_cases.items():
    put("page", name, data)

total = sum(len(files) for _, _, files in os.walk(root))
print(f"wrote {total} files under {os.path.relpath(root)}")
