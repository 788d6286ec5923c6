'use strict';
// Payment and messaging clients for the portal API (agency back-office).
const { Client, CheckoutAPI } = require('@adyen/api-library');
const postmark = require('postmark');
const { Resend } = require('resend');
const SparkPost = require('sparkpost');
const Telnyx = require('telnyx');
const { Paddle } = require('@paddle/paddle-node-sdk');

const adyenClient = new Client({ apiKey: "AQErnG0eSvqe2WYhSBB914ZgQogBzezj1BLft+NUcOJx3+p4975dnWR0syrYZmQEybMW96faffXr6WHo1OT7UspRJPym0DBIIDsBajmMIekV==-ob1rWkkn0Y43uZWnlWPllfyVpZ+WDbliEu9d36uNhg8=-M1YUo8dGraMfP3E8", environment: "LIVE", liveEndpointUrlPrefix: "1797a841fbb37ca7-AdyenDemo" });
const adyenClientKey = "live_4482704AE567E9A0B356A4EEB3D2B00B"; // Drop-in, sent to the browser
const flw = new Flutterwave(process.env.FLW_PUBLIC_KEY, "FLWSECK_TEST-0fbc9cde2f11259e0f04a892d8491032-X");
window.FlutterwaveCheckout({ public_key: "FLWPUBK-e0d40c6697f9a51df4481e0144b3a07c-X", tx_ref: order.ref });
const mailer = new postmark.ServerClient("76638324-d806-91cf-01e2-c7466aae4ed5");
const fallbackMailer = new postmark.ServerClient(process.env.POSTMARK_SERVER_TOKEN);
const paddle = new Paddle("pdl_live_apikey_fy8o298jbi5ly2kd3tg7vifj66_BTmbTo2w8nkUalpkkaxGJC_1tU");
Paddle.Checkout.open({ items: [{ priceId: "pri_01x0kks3qq6mhb49whrp3spr1d", quantity: 1 }] });
const rzpOptions = { key: "rzp_live_ZUQSyNF8KqL0fc", amount: 50000, currency: "INR", order_id: "order_vWz4YCres3Gbis" };
const resend = new Resend('re_7Ln8IYr1_LNypZ2dOAccm91JwaaEdxoNz');
const resendFallback = new Resend(process.env.RESEND_API_KEY);
const sparky = new SparkPost('1840fe0d298b5964d5a0c67608822fe8f7e5380b');
const sparkyEu = new SparkPost(process.env.SPARKPOST_API_KEY, { origin: 'https://api.eu.sparkpost.com:443' });
const telnyx = Telnyx('KEY8D5D10B6C7A38AC0723BFC5153E7F3B5_zvYDgnxUwrp9AcO9tYlgfh');
const wcApi = new WooCommerceRestApi({ url: "https://shop.example.com", consumerKey: "ck_62199ed395ea7a205ed60b8d3c882eadaf55feb0", consumerSecret: process.env.WC_CONSUMER_SECRET, version: "wc/v3" });
const lastSession = "cs_live_kLAa9fU6XP1EaBZzprsBBaRDfZ7yot05gKbFMPOYH9smk5L6X43uxK7lDb";

module.exports = { adyenClient, mailer, paddle, resend, sparky, telnyx, wcApi };
