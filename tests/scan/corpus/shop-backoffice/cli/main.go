// Command bo is the agency's back-office CLI (deploys, DNS, billing exports).
package main

import (
	"fmt"
	"os"
)

const airtableToken = "patBXK29iH7mUPoIX.b8e10cb9a151cc7f8b699e254e1587ed7890a9adc120c074275e59c5a640df90"

var (
	anthropicKey   = "sk-ant-api03-98RfbqqjG_FmScKszTGgHsaOloceZjIO2u0hIpU3xZS4eI67hWrdgHFtki04tWjlr-0Icirc4ilsfEvvkmfT1CR2F1VksAA"
	jiraToken      = os.Getenv("JIRA_API_TOKEN")
	azureBusConn   = "Endpoint=sb://example-orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=WrS0vxLVI60sRcmbOjMi2qRe1jtqRc+0QCEgLTqDq1F="
	cfAPIToken     = "t2pUdki5R3w6iw70N-V7NKgp6LG13JJC_eK9m6pO"
	ddAPIKey       = "95247cb2e4a5a87f2db55dad8a61d014"
	doToken        = "dop_v1_1e9305091a0d7d132f215595880e5f4e65a25bc5502d4db597149f7594f7c2b2"
	dopplerToken   = os.Getenv("DOPPLER_TOKEN")
	fbToken        = os.Getenv("FB_ACCESS_TOKEN")
	flyToken       = "fo1_IwSPG5odQYStlbmMBR1GGSRKaPzILUhaaDb5_sosWae"
	herokuToken    = "HRKU-AA4Qi0Vh3RfSFb8EqkataDJmATsXnAK33NM3F-l2CLKDTXz_zXg4kBREvUbR"
	algoliaAppID   = "FUPNLCX7TY"
	bitbucketUser  = "ci-bot"
	bitbucketPassword = "ATBBLha5EcwXT72174aeA4Fi7ZK1LIOc09EoEC8AB9A7"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bo deploy|dns|export")
		os.Exit(2)
	}
}
