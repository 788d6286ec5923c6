package cmd

import (
	"os"

	messagebird "github.com/messagebird/go-rest-api/v9"
	plivo "github.com/plivo/plivo-go/v7"
	razorpay "github.com/razorpay/razorpay-go"
	"github.com/resend/resend-go/v2"
)

const brevoKey = "xsmtpsib-36407ca5ec0491cbd2f0468257c1fd96774cc893c9eb8c04516c1573501c7ac6-aAR3v3jEYZdZyuF9"

func clients() {
	gocardlessToken := "live_GQ_vVstiDgDqSKptD3be8VAlFNdgdgsKTEQSw_Zx" // live token for the nightly sync
	gcEnv := gocardless.WithEndpoint(gocardless.LiveEndpoint)
	mailjetSecretKey := "ebe581a173e5618fc64f3ff824540877"
	mailjetTemplateID := 4821977
	bird := messagebird.New("rRzfYLss1H8TGblbw7Mm84wCd")
	birdEU := messagebird.New(os.Getenv("MESSAGEBIRD_ACCESS_KEY"))
	paddleKey := "pdl_live_apikey_kn57dh9xtb2n0yvaosbvt4js7q_I1jqrYd1aVO3ygnIOdLaLs_s8T"
	paddleProductID := "pro_01srpf6srool2kq02hi4quar5v"
	sms, _ := plivo.NewClient("MAWG3CZ0VMLS6X8ODIW1", "HBQZwZLm10QkY0pObBereLPunY2YsEVk3yZAHVe6", &plivo.ClientOptions{})
	plivoToken := os.Getenv("PLIVO_AUTH_TOKEN")
	rzp := razorpay.NewClient("rzp_live_KcuaASUlrDR0Nb", "To3N4Iq1S5bagjeVfy3mozcu")
	rzpEnv := razorpay.NewClient(os.Getenv("RAZORPAY_KEY_ID"), os.Getenv("RAZORPAY_KEY_SECRET"))
	mailer := resend.NewClient("re_quEjv9EA_ePj6AkShiUZXeGVv9VkXvID1")
	telnyxKey := "KEYBA1098BE21EF57059E19A99A8D8350D8_R75HvxlYD1PQ0zXGy0WntB"
	telnyxConnectionID := "1494404757140276705"
	_ = []any{gocardlessToken, gcEnv, mailjetSecretKey, mailjetTemplateID, bird, birdEU, paddleKey, paddleProductID, sms, plivoToken, rzp, rzpEnv, mailer, telnyxKey, telnyxConnectionID, brevoKey}
}
