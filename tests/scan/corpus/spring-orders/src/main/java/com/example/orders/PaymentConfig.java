package com.example.orders;

import com.braintreegateway.BraintreeGateway;

public final class PaymentConfig {
    private static final String BRAINTREE_TOKEN =
        "access_token$production$p29ky2vwuer66k5w$7fb16a357ee88af42de79f32037d317f";
    private static final String SANDBOX_DOCS = "access_token$production$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    static {
        System.setProperty("PAYMENTS_API_TOKEN", "oE9ZulcuJkyCyWMAt0Cg1sRlVOHZ2VhhJRil");
        System.setProperty("SENDGRID_API_KEY", "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");
    }

    public static BraintreeGateway gateway() {
        return new BraintreeGateway(BRAINTREE_TOKEN);
    }

    public static final String PASSWORD_FIELD = "password";
}
