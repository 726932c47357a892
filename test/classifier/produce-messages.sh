#!/usr/bin/env bash
# Produces real containerd / skopeo pull error messages for the classifier corpus
# (test/classifier/produced-messages.ts records the output of one run).
#
# Not run by CI: the corpus test reads the recorded text, never containerd.
# Needs root and Debian packages: containerd docker-registry skopeo apache2-utils openssl, and node.
#   apt-get install -y containerd docker-registry skopeo apache2-utils
#   bash test/classifier/produce-messages.sh > /tmp/produced.txt
# Everything listens on 127.0.0.1 and lives in a temp dir that is removed on exit.
set -uo pipefail

WORK=$(mktemp -d /tmp/pd-produce.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  umount "$WORK/tiny" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# --- containerd in a temp root, CRI plugin off (ctr only) -----------------------------------
SOCK="$WORK/containerd.sock"
cat >"$WORK/config.toml" <<EOF
version = 2
root = "$WORK/root"
state = "$WORK/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$WORK/containerd-ttrpc.sock"
[debug]
  address = "$WORK/debug.sock"
EOF
containerd --config "$WORK/config.toml" >"$WORK/containerd.log" 2>&1 &
PIDS+=($!)

# --- registries: plain, htpasswd auth, self-signed TLS --------------------------------------
start_registry() { # name port extra-yaml
  mkdir -p "$WORK/$1"
  cat >"$WORK/$1/config.yml" <<EOF
version: 0.1
log: { level: error }
storage:
  filesystem: { rootdirectory: $WORK/$1/data }
http:
  addr: 127.0.0.1:$2
$3
EOF
  docker-registry serve "$WORK/$1/config.yml" >"$WORK/$1/log" 2>&1 &
  PIDS+=($!)
}
PLAIN=$(free_port); AUTH=$(free_port); TLS=$(free_port); STATUS=$(free_port); CLOSED=$(free_port)
htpasswd -Bbc "$WORK/htpasswd" puller "not-a-real-secret" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
start_registry plain "$PLAIN" ""
start_registry auth "$AUTH" "auth:
  htpasswd: { realm: pull-doctor, path: $WORK/htpasswd }"
start_registry tls "$TLS" "  tls: { certificate: $WORK/tls.crt, key: $WORK/tls.key }"

# --- a registry stand-in for answers a real registry gives only under load or behind a firewall --
# /v2/s<code>/… → that HTTP status (429 with Retry-After, 500, 502, 503, 403)
# /v2/tok<code>/… → 401 Bearer challenge whose token endpoint answers <code> (ACR-like anonymous token fetch)
# /v2/hang/… → never answers;  /v2/eof/… → proxies to the plain registry but cuts the layer blob short
cat >"$WORK/stand-in.js" <<'JS'
const http = require("http");
const [port, upstream] = process.argv.slice(2).map(Number);
http.createServer((req, res) => {
  const url = req.url;
  let m;
  if (url === "/v2/" || url === "/v2") { res.writeHead(200); return res.end("{}"); }
  if ((m = /^\/oauth2\/token(\d+)/.exec(url))) { res.writeHead(Number(m[1]), { "content-type": "application/json" }); return res.end('{"errors":[{"code":"DENIED","message":"denied"}]}'); }
  if ((m = /^\/v2\/tok(\d+)\//.exec(url))) {
    res.writeHead(401, { "www-authenticate": `Bearer realm="http://127.0.0.1:${port}/oauth2/token${m[1]}",service="stand-in",scope="repository:tok${m[1]}/app:pull"` });
    return res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
  }
  if (url.startsWith("/v2/hang/")) return; // keeps the socket open until the client gives up
  if (url.startsWith("/v2/eof/")) {
    // containerd resumes a broken download with a Range request; dropping those makes the cut final.
    if (req.headers.range && url.includes("/blobs/")) return req.socket.destroy();
    const up = http.request({ host: "127.0.0.1", port: upstream, method: req.method, path: url.replace("/v2/eof/", "/v2/team/"), headers: req.headers }, (u) => {
      const cut = req.method === "GET" && url.includes("/blobs/") && Number(u.headers["content-length"]) > 1000;
      res.writeHead(u.statusCode, u.headers);
      if (!cut) return u.pipe(res);
      u.once("data", (chunk) => { res.write(chunk.subarray(0, 512)); setTimeout(() => res.destroy(), 50); });
    });
    return req.pipe(up);
  }
  const status = (m = /^\/v2\/s(\d+)\//.exec(url)) ? Number(m[1]) : 404;
  res.writeHead(status, { "content-type": "application/json", ...(status === 429 ? { "retry-after": "30" } : {}) });
  res.end(status === 429 ? '{"errors":[{"code":"TOOMANYREQUESTS","message":"too many requests"}]}' : '{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}');
}).listen(port, "127.0.0.1");
JS
node "$WORK/stand-in.js" "$STATUS" "$PLAIN" &
PIDS+=($!)

# ctr talks plain HTTP to 127.0.0.1 whatever the server speaks; hosts.toml makes it use HTTPS to a
# name, as kubelet's containerd does for a real registry.
for name in tls plain; do
  port=$TLS; [ "$name" = plain ] && port=$PLAIN
  mkdir -p "$WORK/hosts/$name.registry.test"
  printf 'server = "https://127.0.0.1:%s"\n[host."https://127.0.0.1:%s"]\n  capabilities = ["pull", "resolve"]\n' "$port" "$port" \
    >"$WORK/hosts/$name.registry.test/hosts.toml"
done

for _ in $(seq 50); do [ -S "$SOCK" ] && curl -s "http://127.0.0.1:$PLAIN/v2/" >/dev/null && break; sleep 0.2; done

# --- a tiny amd64-only image as an OCI layout (index with one linux/amd64 manifest) ---------
LAYOUT="$WORK/layout"; mkdir -p "$LAYOUT/blobs/sha256" "$WORK/rootfs"
echo "hello from pull-doctor" >"$WORK/rootfs/hello.txt"
head -c 2000000 /dev/urandom >"$WORK/rootfs/noise.bin"
tar -C "$WORK/rootfs" -cf "$WORK/layer.tar" hello.txt noise.bin
DIFF_ID=$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
gzip -n -c "$WORK/layer.tar" >"$WORK/layer.tar.gz"
blob() { local d; d=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$LAYOUT/blobs/sha256/$d"; echo "$d"; }
LAYER=$(blob "$WORK/layer.tar.gz"); LAYER_SIZE=$(stat -c %s "$WORK/layer.tar.gz")
printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$DIFF_ID" >"$WORK/config.json"
CONFIG=$(blob "$WORK/config.json"); CONFIG_SIZE=$(stat -c %s "$WORK/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
  "$CONFIG" "$CONFIG_SIZE" "$LAYER" "$LAYER_SIZE" >"$WORK/manifest.json"
MANIFEST=$(blob "$WORK/manifest.json"); MANIFEST_SIZE=$(stat -c %s "$WORK/manifest.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"}}]}' \
  "$MANIFEST" "$MANIFEST_SIZE" >"$WORK/index-inner.json"
INNER=$(blob "$WORK/index-inner.json"); INNER_SIZE=$(stat -c %s "$WORK/index-inner.json")
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}' \
  "$INNER" "$INNER_SIZE" >"$LAYOUT/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' >"$LAYOUT/oci-layout"

skopeo copy --all --quiet --dest-tls-verify=false "oci:$LAYOUT:v1" "docker://127.0.0.1:$PLAIN/team/app:v1"
skopeo copy --all --quiet --dest-tls-verify=false --dest-creds "puller:not-a-real-secret" "oci:$LAYOUT:v1" "docker://127.0.0.1:$AUTH/team/app:v1"

# --- capture ---------------------------------------------------------------------------------
echo "# containerd: $(containerd --version)"
echo "# skopeo: $(skopeo --version)"
CTR=(ctr -a "$SOCK" -n pull-doctor)
capture() { # label command...
  local out
  out=$("${@:2}" 2>&1 >/dev/null | grep -v '^\s*$' | tail -n 1)
  printf '%s\t%s\n' "$1" "$out"
}
capture tag_not_found        "${CTR[@]}" images pull --plain-http "127.0.0.1:$PLAIN/team/app:v9"
capture repo_missing_ctr     "${CTR[@]}" images pull --plain-http "127.0.0.1:$PLAIN/team/nope:v1"
capture auth_missing         "${CTR[@]}" images pull --plain-http "127.0.0.1:$AUTH/team/app:v1"
capture auth_wrong_password  "${CTR[@]}" images pull --plain-http --user "puller:wrong" "127.0.0.1:$AUTH/team/app:v1"
capture platform_arm64       "${CTR[@]}" images pull --plain-http --platform linux/arm64 "127.0.0.1:$PLAIN/team/app:v1"
capture platform_s390x       "${CTR[@]}" images pull --plain-http --platform linux/s390x "127.0.0.1:$PLAIN/team/app:v1"
capture connection_refused   "${CTR[@]}" images pull --plain-http "127.0.0.1:$CLOSED/team/app:v1"
capture no_such_host         "${CTR[@]}" images pull "myacr.azurecr.invalid/team/app:v1"
capture tls_unknown_ca       "${CTR[@]}" images pull --hosts-dir "$WORK/hosts" "tls.registry.test/team/app:v1"
capture https_to_http        "${CTR[@]}" images pull --hosts-dir "$WORK/hosts" "plain.registry.test/team/app:v1"
capture rate_limited         "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/s429/app:v1"
capture unavailable_503      "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/s503/app:v1"
capture unavailable_500      "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/s500/app:v1"
capture unavailable_502      "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/s502/app:v1"
capture denied_403           "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/s403/app:v1"
capture token_403            "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/tok403/app:v1"
capture token_401            "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/tok401/app:v1"
capture blob_cut_short       timeout 120 "${CTR[@]}" images pull --plain-http "127.0.0.1:$STATUS/eof/app:v1"
# A full disk: a second containerd whose root is a 1 MiB tmpfs, pulling the 2 MB layer.
mkdir -p "$WORK/tiny"
if mount -t tmpfs -o size=1m tmpfs "$WORK/tiny" 2>/dev/null; then
  sed -e "s#$WORK/root#$WORK/tiny/root#" -e "s#$WORK/state#$WORK/tiny/state#" -e "s#$SOCK#$WORK/tiny.sock#" \
    -e "s#containerd-ttrpc.sock#tiny-ttrpc.sock#" -e "s#debug.sock#tiny-debug.sock#" "$WORK/config.toml" >"$WORK/tiny.toml"
  containerd --config "$WORK/tiny.toml" >"$WORK/tiny.log" 2>&1 &
  TINY_PID=$!
  for _ in $(seq 50); do [ -S "$WORK/tiny.sock" ] && break; sleep 0.2; done
  capture no_space           ctr -a "$WORK/tiny.sock" -n pull-doctor images pull --plain-http "127.0.0.1:$PLAIN/team/app:v1"
  kill "$TINY_PID"; wait "$TINY_PID" 2>/dev/null
  umount "$WORK/tiny"
fi
capture skopeo_tag_missing   skopeo inspect --tls-verify=false "docker://127.0.0.1:$PLAIN/team/app:v9"
capture skopeo_repo_missing  skopeo inspect --tls-verify=false "docker://127.0.0.1:$PLAIN/team/nope:v1"
capture skopeo_auth_missing  skopeo inspect --tls-verify=false "docker://127.0.0.1:$AUTH/team/app:v1"
capture skopeo_tls           skopeo inspect "docker://127.0.0.1:$TLS/team/app:v1"
capture skopeo_refused       skopeo inspect --tls-verify=false "docker://127.0.0.1:$CLOSED/team/app:v1"
capture skopeo_no_such_host  skopeo inspect "docker://myacr.azurecr.invalid/team/app:v1"
capture skopeo_rate_limited  skopeo --command-timeout 10s inspect --tls-verify=false --retry-times 0 "docker://127.0.0.1:$STATUS/s429/app:v1"
capture skopeo_unavailable   skopeo inspect --tls-verify=false "docker://127.0.0.1:$STATUS/s503/app:v1"
capture skopeo_platform      skopeo copy --override-arch arm64 --src-tls-verify=false "docker://127.0.0.1:$PLAIN/team/app:v1" "dir:$WORK/out"
capture skopeo_invalid       skopeo inspect "docker://127.0.0.1:$PLAIN/Team/App:v1"
capture skopeo_timeout       skopeo --command-timeout 3s inspect --tls-verify=false "docker://127.0.0.1:$STATUS/hang/app:v1"
capture skopeo_token_403     skopeo inspect --tls-verify=false "docker://127.0.0.1:$STATUS/tok403/app:v1"
