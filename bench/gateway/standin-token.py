#!/usr/bin/env python3
"""A stand-in for the auth service's keys, for gateway benchmarks without the auth service (bench/gateway/ab.sh,
AUTH=standin): writes a JWKS with a fresh P-256 key to the given file and prints an ES256 access token signed with it,
with the claims the gateway checks (iss sociallive-auth, sub, sid, exp in 2 hours, kid). Needs python3-cryptography."""
import base64
import json
import sys
import time
import uuid

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


key = ec.generate_private_key(ec.SECP256R1())
numbers = key.public_key().public_numbers()
kid = "bench-key-1"
with open(sys.argv[1], "w") as out:
    json.dump({"keys": [{"kty": "EC", "crv": "P-256", "kid": kid, "use": "sig", "alg": "ES256",
                         "x": b64(numbers.x.to_bytes(32, "big")), "y": b64(numbers.y.to_bytes(32, "big"))}]}, out)
now = int(time.time())
header = {"alg": "ES256", "typ": "JWT", "kid": kid}
claims = {"iss": "sociallive-auth", "sub": str(uuid.uuid4()), "sid": str(uuid.uuid4()), "username": "bench",
          "roles": ["USER"], "iat": now, "exp": now + 7200, "jti": str(uuid.uuid4())}
signing_input = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
print(signing_input + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big")))
