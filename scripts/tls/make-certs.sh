#!/bin/sh
# Mutual TLS for Tiller in one command (needs the openssl CLI: `apt-get install openssl` on Debian).
#
#   scripts/tls/make-certs.sh OUT_DIR [TILLER_HOSTNAME ...]
#
# Writes a private CA and two certificates signed by it:
#   OUT_DIR/ca.crt ca.key                       the CA (keep ca.key offline)
#   OUT_DIR/tiller/tls.crt tls.key ca.crt       for `tiller --tls-verify` (TILLER_TLS_CERTS=OUT_DIR/tiller),
#                                               or the tiller-secret of `helm init --tiller-tls-verify`
#   OUT_DIR/helm/ca.pem cert.pem key.pem        for the helm client: copy into $HELM_HOME and use --tls-verify
# The Tiller certificate names 127.0.0.1, localhost, tiller-deploy.kube-system(.svc) and any TILLER_HOSTNAME given.
# A Tiller started with --tls-verify refuses every client whose certificate this CA did not sign.
# TLS_DAYS (default 365) is the CA's validity; TLS_TILLER_DAYS and TLS_CLIENT_DAYS (default TLS_DAYS) those of
# the Tiller and client certificates: -1 issues one that expired yesterday (to test how an expired one is refused).
set -eu
out=${1:?usage: make-certs.sh OUT_DIR [TILLER_HOSTNAME ...]}
shift
command -v openssl >/dev/null || { echo "make-certs.sh: the openssl CLI is needed (apt-get install openssl)" >&2; exit 1; }
mkdir -p "$out/tiller" "$out/helm"
umask 077
days=${TLS_DAYS:-365}

san="DNS:localhost,IP:127.0.0.1,IP:::1,DNS:tiller-deploy,DNS:tiller-deploy.kube-system,DNS:tiller-deploy.kube-system.svc,DNS:tiller-server"
for h in "$@"; do
  case $h in
    *[!0-9.]*) san="$san,DNS:$h" ;;
    *) san="$san,IP:$h" ;;
  esac
done

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days "$days" \
  -subj "/CN=wheelhouse-tiller-ca" -keyout "$out/ca.key" -out "$out/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

issue() { # name cn eku san dir days
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$2" \
    -keyout "$5/$1.key" -out "$5/$1.csr" 2>/dev/null
  ext="$5/$1.ext"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n' "$3" > "$ext"
  [ -n "$4" ] && printf 'subjectAltName=%s\n' "$4" >> "$ext"
  openssl x509 -req -in "$5/$1.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -sha256 \
    -days "$6" -extfile "$ext" -out "$5/$1.crt" 2>/dev/null
  rm -f "$5/$1.csr" "$ext"
}

issue tls tiller-server serverAuth "$san" "$out/tiller" "${TLS_TILLER_DAYS:-$days}"
cp "$out/ca.crt" "$out/tiller/ca.crt"

issue client helm-client clientAuth "" "$out/helm" "${TLS_CLIENT_DAYS:-$days}"
mv "$out/helm/client.crt" "$out/helm/cert.pem"
mv "$out/helm/client.key" "$out/helm/key.pem"
cp "$out/ca.crt" "$out/helm/ca.pem"
rm -f "$out/ca.srl"

echo "CA:     $out/ca.crt"
echo "Tiller: tiller --tls-verify --tls-cert $out/tiller/tls.crt --tls-key $out/tiller/tls.key --tls-ca-cert $out/tiller/ca.crt"
echo "        (or TILLER_TLS_VERIFY=1 TILLER_TLS_CERTS=$out/tiller tiller)"
echo "helm:   cp $out/helm/*.pem \"\${HELM_HOME:-\$HOME/.helm}/\" && helm ls --tls-verify"
