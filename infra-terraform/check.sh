#!/usr/bin/env bash
# Checks the Terraform modules and examples:
#   1. terraform fmt -check -recursive on infra-terraform;
#   2. init (without a backend), validate, and terraform test where the module has tests, for every configuration
#      whose providers are available:
#        - with a local provider mirror holding hashicorp/aws (TF_PLUGIN_DIR, else /opt/tf-plugins unless
#          TF_ONLINE=1): the AWS configurations; the ones needing other providers (the Knative module and example) are
#          skipped, with a note;
#        - with TF_ONLINE=1 and no TF_PLUGIN_DIR: every configuration, providers downloaded from the registry;
#        - with neither: formatting only, with a note.
# Prints what it checked; exits non-zero on the first failure. Without terraform it prints that it skipped and exits 0
# (the Maven build keeps a structural check of these files).
#
# Usage: infra-terraform/check.sh            (from anywhere)
#        TF_PLUGIN_DIR=/path/to/mirror infra-terraform/check.sh
#        TF_ONLINE=1 infra-terraform/check.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

aws_configs=(modules/aws-lambda examples/signups-lambda)
other_configs=(modules/knative examples/greeting-knative)

if ! command -v terraform >/dev/null 2>&1; then
  echo "check.sh: terraform is not installed: skipped the Terraform checks."
  exit 0
fi

started=$SECONDS

# Working directories live outside the tree and are removed at the end; the tree keeps no .terraform state.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Terraform warns on every command when its CLI configuration file is missing; an empty one (same meaning) keeps the
# output readable.
cli_config="${TF_CLI_CONFIG_FILE:-$HOME/.terraformrc}"
if [[ ! -e "$cli_config" ]]; then
  : >"$work/empty.tfrc"
  export TF_CLI_CONFIG_FILE="$work/empty.tfrc"
fi

echo "check.sh: $(terraform version | head -n 1)"

echo "check.sh: fmt -check -recursive infra-terraform"
if ! terraform fmt -check -recursive -diff .; then
  echo "check.sh: FAILED: files above are not formatted; run: terraform fmt -recursive infra-terraform" >&2
  exit 1
fi

# Where providers come from: TF_PLUGIN_DIR if set; else the registry if TF_ONLINE=1; else /opt/tf-plugins if it
# holds hashicorp/aws; else nowhere (formatting is all that can be checked).
plugin_dir=""
online=""
if [[ -n "${TF_PLUGIN_DIR:-}" ]]; then
  if [[ ! -d "$TF_PLUGIN_DIR/registry.terraform.io/hashicorp/aws" ]]; then
    echo "check.sh: FAILED: TF_PLUGIN_DIR=$TF_PLUGIN_DIR holds no registry.terraform.io/hashicorp/aws" >&2
    exit 1
  fi
  plugin_dir="$TF_PLUGIN_DIR"
elif [[ "${TF_ONLINE:-}" == "1" ]]; then
  online=1
elif [[ -d /opt/tf-plugins/registry.terraform.io/hashicorp/aws ]]; then
  plugin_dir=/opt/tf-plugins
fi

if [[ -n "$plugin_dir" ]]; then
  echo "check.sh: providers from the mirror $plugin_dir"
  configs=("${aws_configs[@]}")
  for config in "${other_configs[@]}"; do
    echo "check.sh: skipped init/validate of $config: it needs providers the mirror does not hold (fmt checked only)"
  done
  init_args=(-plugin-dir="$plugin_dir")
elif [[ -n "$online" ]]; then
  echo "check.sh: providers from the registry (TF_ONLINE=1)"
  configs=("${aws_configs[@]}" "${other_configs[@]}")
  init_args=()
else
  echo "check.sh: no provider mirror (TF_PLUGIN_DIR, /opt/tf-plugins) and TF_ONLINE is not 1: skipped init/validate/test (fmt checked only)"
  configs=()
  init_args=()
fi

for config in "${configs[@]}"; do
  data_dir="$work/$(echo "$config" | tr / _)"
  echo "check.sh: init + validate $config"
  # -lockfile=readonly would fail without a lock file; the lock file written here is ignored by git.
  if ! TF_DATA_DIR="$data_dir" terraform -chdir="$config" init -backend=false -input=false -no-color "${init_args[@]}" >"$work/init.log" 2>&1; then
    cat "$work/init.log" >&2
    echo "check.sh: FAILED: terraform init in $config" >&2
    exit 1
  fi
  if ! TF_DATA_DIR="$data_dir" terraform -chdir="$config" validate -no-color; then
    echo "check.sh: FAILED: terraform validate in $config" >&2
    exit 1
  fi
  # An example's tests plan against its application's build output (the functions-examples/<app>/target its main.tf
  # reads); .ci/run builds first.
  app="$(sed -n 's#.*functions-examples/\([a-z-]*\)/target.*#\1#p' "$config/main.tf" | head -n 1)"
  if [[ -n "$app" && ! -f "../functions-examples/$app/target/eventloom/manifest.json" ]]; then
    echo "check.sh: skipped test of $config: build its application first (./mvnw package -pl functions-examples/$app -am)"
    continue
  fi
  if compgen -G "$config/tests/*.tftest.hcl" >/dev/null; then
    echo "check.sh: test $config ($(ls "$config"/tests/*.tftest.hcl | wc -l) files)"
    if ! TF_DATA_DIR="$data_dir" terraform -chdir="$config" test -no-color; then
      echo "check.sh: FAILED: terraform test in $config" >&2
      exit 1
    fi
  fi
done

echo "check.sh: OK ($((SECONDS - started)) s)"
