#!/usr/bin/env python3
"""Writes the generated seed inputs of Fuzz/Corpus (the blueprint seeds are
copies of blueprints/ and of test fixtures).

    Fuzz/make-seeds.py [TEMPLATE_DIR]

The template seeds are the texts of the conformance corpus; they go to
TEMPLATE_DIR (default Fuzz/Corpus/template), so that a merge
(scripts/fuzz.sh --minimize) can keep only those that add coverage."""
import json, os, struct, sys, glob

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(root, "Fuzz", "Corpus")

def write(target, name, data):
    os.makedirs(os.path.join(corpus, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(corpus, target, name), "wb") as f:
        f.write(data)

# template: every conformance template text (minimized afterwards).
def conformance_templates(directory):
    os.makedirs(directory, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(root, "Tests/GoTemplateTests/Conformance/*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            case = json.loads(line)
            with open(os.path.join(directory, "conformance-" + case["id"]), "wb") as f:
                f.write(case["template"].encode())

# s3xml: one answer of each kind the store reads.
S3 = {
    "list.xml": """<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>runs/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken><Contents><Key>runs/a/manifest.json</Key><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>1234</Size><StorageClass>STANDARD</StorageClass></Contents><Contents><Key>runs/</Key><Size>0</Size></Contents><Contents><Key>runs/b/data.bin</Key><LastModified>2024-05-01T10:00:00Z</LastModified><Size>99999999999</Size></Contents></ListBucketResult>""",
    "error.xml": """<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>runs/x</Key><RequestId>4442587FB7D0A2F9</RequestId></Error>""",
    "initiate.xml": """<?xml version="1.0" encoding="UTF-8"?>
<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket><Key>k</Key><UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId></InitiateMultipartUploadResult>""",
    "complete.xml": """<?xml version="1.0" encoding="UTF-8"?>
<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>http://b.s3.amazonaws.com/k</Location><Bucket>b</Bucket><Key>k</Key><ETag>"3858f62230ac3c915f300c664312c11f-9"</ETag></CompleteMultipartUploadResult>""",
    "delete-result.xml": """<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Deleted><Key>a</Key></Deleted><Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>""",
    "uploads.xml": """<?xml version="1.0" encoding="UTF-8"?>
<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker>k2</NextKeyMarker><NextUploadIdMarker>u2</NextUploadIdMarker><IsTruncated>true</IsTruncated><Upload><Key>k1</Key><UploadId>u1</UploadId><Initiated>2024-05-01T10:00:00.000Z</Initiated></Upload><Upload><Key>k2</Key><UploadId>u2</UploadId></Upload></ListMultipartUploadsResult>""",
    "entities.xml": """<?xml version="1.0"?><Error><!-- c --><Code>A&#65;&lt;&amp;</Code><Message><![CDATA[x<y]]></Message></Error>""",
}

# kubeconfig
KUBE = {
    "full.yaml": """apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c1
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority-data: Q0EtUEVN
    tls-server-name: kubernetes.default
- name: c2
  cluster:
    server: https://c2.example:443
    insecure-skip-tls-verify: true
users:
- name: token-user
  user:
    token: s3cr3t
- name: cert-user
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
- name: basic-user
  user:
    username: alice
    password: pw
- name: exec-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: get-token
      args: [--cluster, c1]
      env:
      - name: REGION
        value: eu
contexts:
- name: dev
  context: {cluster: c1, user: token-user, namespace: dev-ns}
- name: prod
  context: {cluster: c2, user: cert-user}
- name: basic
  context: {cluster: c2, user: basic-user}
- name: plugin
  context: {cluster: c1, user: exec-user, namespace: ""}
""",
    "json.json": """{"apiVersion":"v1","kind":"Config","current-context":"a","clusters":[{"name":"c","cluster":{"server":"http://127.0.0.1:8080"}}],"users":[{"name":"u","user":{"tokenFile":"/var/run/token"}}],"contexts":[{"name":"a","context":{"cluster":"c","user":"u"}}]}""",
    "anchors.yaml": """clusters:
- &c {name: c, cluster: {server: "https://x:1"}}
- *c
users: [{name: u, user: {client-certificate-data: "Q0VSVA ==\\n", client-key: k.pem}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
""",
    "empty.yaml": "",
}

def frame(continuation, payload):
    return bytes([1 if continuation else 0, len(payload)]) + payload

# execframes: the first byte's bit 0 asks for the PID line; bits 1-7 size the stderr tail.
EXEC = {
    "pid-then-output": bytes([1 | 40 << 1]) + frame(False, b"\x02@@kubeclient-exec-pid 4242\nwarning: x\n")
        + frame(False, b"\x01hello ") + frame(True, b"world\n")
        + frame(False, b'\x03{"metadata":{},"status":"Success"}'),
    "nonzero-exit": bytes([0x10]) + frame(False, b"\x02boom\n")
        + frame(False, b'\x03{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [false], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}'),
    "failure": bytes([0x01]) + frame(False, b'\x03{"status":"Failure","message":"container not found (\\"db\\")","reason":"InternalError"}'),
    "split-status": bytes([0x01]) + frame(False, b"\x02@@kubeclient-exec-") + frame(False, b"\x02pid 7\n")
        + frame(False, b'\x03{"status":') + frame(True, b'"Success"}'),
}

PHASE = {
    "outputs": b"\x20" + b'starting\n###Phase-output###: {"key":"path","value":"/backup/1"}\r\nprogress 10%\rprogress 100%\n'
        b'prefix ###Phase-output###: {"key":"obj","value":{"a":[1,2.5,true,null,"x"]}}\n'
        b'###Phase-output###: {"key":"bad-key","value":1}\n###Phase-output###: not json\n'
        b'###Phase-output###:{"key":"n","value":12345678901234567890}\nno newline at end',
    "long-line": b"\x01" + b'###Phase-output###: {"key":"big","value":"' + b"x" * 100 + b'"}\n\n\n',
    "utf8": b"\x05" + "###Phase-output###: {\"key\":\"k\",\"value\":\"\u00e9\u4e2d\\ud83d\\ude00\"}\n\xff\xfe\n".encode("utf-8", "surrogatepass"),
}

if __name__ == "__main__":
    conformance_templates(sys.argv[1] if len(sys.argv) > 1 else os.path.join(corpus, "template"))
    for name, text in S3.items(): write("s3xml", name, text)
    for name, text in KUBE.items(): write("kubeconfig", name, text)
    for name, data in EXEC.items(): write("execframes", name, data)
    for name, data in PHASE.items(): write("phaseoutput", name, data)
