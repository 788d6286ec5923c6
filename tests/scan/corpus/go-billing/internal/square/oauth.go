package square

// OAuth credentials for the Square app, sandbox and production.
var oauth = struct {
	ClientID     string
	ClientSecret string
}{
	ClientID:     "sq0idp-RrbjMQyOCeN1LBHNfYEuoM",
	ClientSecret: "sq0csp-aoYaTOoOltqWEH5JxebeaMPDNWXbejNHAtm5WRgiGLq",
}

// Example from the API reference, for the tests' request builder.
const docToken = "EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
