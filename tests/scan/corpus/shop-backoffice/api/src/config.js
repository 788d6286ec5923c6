// Back-office API settings. Production values come from the environment;
// the hard-coded ones below were pasted in during the March migration.
const Airtable = require("airtable");
const algoliasearch = require("algoliasearch");
const Anthropic = require("@anthropic-ai/sdk");

const base = new Airtable({ apiKey: "patkxHLmmKB84l11P.f679f1df8543e07ab505452567e00e5e2daa3a7e713f986d956c257c380043d5" }).base("appYScERrJmN9Z0LA");
const archive = new Airtable({ apiKey: process.env.AIRTABLE_TOKEN }).base("apprPAbPyNWfqAdOU");

const algoliaAdminKey = "c79819e62620a522da9c9ee8f9c928f9";
const indexer = algoliasearch("I110II7ZMV", algoliaAdminKey);
const searchOnly = algoliasearch("I110II7ZMV", "e3b37e76994118c7c145a0bad01cc4a9");  // search-only key, shipped to the browser

const claude = new Anthropic({ apiKey: "sk-ant-api03-grxWIRaHFgw8IPg7JBidvbAGvGb75SHSCN_ExJLhF36_spjd2COH31YR7RnU8TQ54APcNbA2Mq2N0p0F7bPCsQqnsFVkQAA" });
const claudeStaging = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

module.exports = {
  jira: {
    host: "https://jira.example.com",
    email: "ops@example.com",
    apiToken: "ATATT3xFfGF0oPP_NFpDFSbTOzGvKXgDWTu_732-zJGib6Iqx5DbV8Yh-I2WQoqguJpAbd4Lud90JzDHf24cryYcwhRFUlvvt7EbftGnrEjhZjM479PsbUDHbxaa2JjE5qHVPIUXgJmJAV3GKyMz7SR_m7oTT8AYC05KaXz9XJ-2DieLak7bDl=AA45D37A",
  },
  blobs: "DefaultEndpointsProtocol=https;AccountName=shopbackoffice;AccountKey=IX6NhqKsRtzTdsIaJ8BIWHLofn+RDeTiWtnEx+MNGV1jQ9xU5vUjJ1tomPCm/STbLaQueh9VXqtXexpdBQFY1y==;EndpointSuffix=core.windows.net",
  blobsLocal: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
  bitbucketAppPassword: "ATBB035XsKvk0mnkll6DzlmAmaiOzEHFfjLmC29ADC8B",
  bitbucketWorkspace: "example-agency",
  cloudflareApiToken: "cfut_d1CalML8DowIaQeiM8tx8f8XEbdjXWZkz9RTywRZYDQPF",
  cloudflareZoneId: "40825d3fc0763801e1aeb6469ef62df0",
  datadog: { ddApiKey: "32e52c49f326c782a49feccdd26871d0", site: "datadoghq.eu" },
  datadogAppKeyId: "e3312d03-b67c-43b6-b009-1e6743b21ff6",
  doToken: process.env.DIGITALOCEAN_TOKEN,
  dopplerToken: "dp.st.prd.OVCBht0AofoKtBNSLBapNuQ68fltSmksvHpENRebqyq",
  facebookPageAccessToken: "EAAatoZR0v7WRnmwpY3hYkq04gMTLaQUdzk6UvofN3Fd8FN6wBPE4X2ADqpav6SaZZV8SulH4EZFBD2mMsO4JJ81caBymLuKx3vKKfxpZEs6hMqNpwrMRMPyLrmLJ1laAjjH56zZySRrnMhXRsq454liZ",
  facebookAppId: "7156786100599121",
  herokuApiKey: "a9d748c3-2fbb-431c-802c-73b89d77fc11",
  flyToken: process.env.FLY_API_TOKEN,
};
