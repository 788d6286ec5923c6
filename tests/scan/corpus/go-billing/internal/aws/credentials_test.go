package aws

import "testing"

func TestProfileName(t *testing.T) {
	if got := profile("default"); got != "default" {
		t.Fatal(got)
	}
}
