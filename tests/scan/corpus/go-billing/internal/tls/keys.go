package tls

import "strings"

// Headers this package accepts.
var headers = []string{"-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----"}

const sample = `-----BEGIN PRIVATE KEY-----
<your private key here>
-----END PRIVATE KEY-----`

func isKey(s string) bool { return strings.Contains(s, "PRIVATE KEY") }
