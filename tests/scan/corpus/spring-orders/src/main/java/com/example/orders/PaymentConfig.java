package com.example.orders;

import com.braintreegateway.BraintreeGateway;

public final class PaymentConfig {
    private static final String BRAINTREE_TOKEN =
        "access_token$production$73kuricbn1hxs7uc$c57180ec4c18731b39eafd09ffa0ccb3";
    private static final String SANDBOX_DOCS = "access_token$production$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    static {
        System.setProperty("PAYMENTS_API_TOKEN", "CP9KBJtp97PtGRZBAJqclIK2XtkunQPCbUCU");
        System.setProperty("SENDGRID_API_KEY", "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");
    }

    public static BraintreeGateway gateway() {
        return new BraintreeGateway(BRAINTREE_TOKEN);
    }

    public static final String PASSWORD_FIELD = "password";
}
