package square

// OAuth credentials for the Square app, sandbox and production.
var oauth = struct {
	ClientID     string
	ClientSecret string
}{
	ClientID:     "sq0idp-_T6d9EJHHe8RjREgaaSvMX",
	ClientSecret: "sq0csp-k6vjVr1snb0AKlb5adlsTUmLrEdIjCQrdrFbH1IlT8U",
}

// Example from the API reference, for the tests' request builder.
const docToken = "EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
