import { Client as HubSpot } from '@hubspot/api-client';
import { Client as Notion } from '@notionhq/client';
import { createClient } from '@supabase/supabase-js';

const hubspot = new HubSpot({ accessToken: 'pat-eu1-b8b482ca-34a5-b22f-d67d-90d5ab2a1eb0' });
const hubspotSandbox = new HubSpot({ accessToken: process.env.HUBSPOT_SANDBOX_TOKEN });
const notion = new Notion({ auth: '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' });
const BOOKINGS_DB = '2f2dea04e4edde0879c3f166e3bdfb80';
const admin = createClient('https://yglaykvhnwqyujfzvvoy.supabase.co', 'sb_secret_ju9vpaa235b_5hhp7Cwu4yyodxIvaZB');
const pub = createClient('https://rkizwtbjwmcphvesqakb.supabase.co', 'sb_publishable_sVpDenCnoB63iMBuvzJHMam4rUCwopp');

export async function syncLead(email: string) {
  await hubspot.crm.contacts.basicApi.create({ properties: { email } });
}
