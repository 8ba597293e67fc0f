# Sourced by scripts/start and scripts/test: make .venv, with pip in it.
#
# Debian ships the part of venv that puts pip into a new environment separately
# (python3-venv), so on a machine with only python3 and pip, `python3 -m venv` fails.
# Then we make the environment without pip and let the machine's pip install pip into it.
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/pip ]; then
  rm -rf .venv  # a half-made environment from an earlier failed try
  if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    if ! { "$PYTHON" -m venv --without-pip .venv &&
           "$PYTHON" -m pip --python .venv/bin/python install --quiet \
             --disable-pip-version-check pip; }; then
      rm -rf .venv
      echo "Could not make a Python environment in .venv." >&2
      echo "Install Debian's python3-venv package (sudo apt-get install python3-venv) and run this again." >&2
      exit 1
    fi
  fi
fi
