import { createClient } from 'npm:@supabase/supabase-js@2';
const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
const publicClient = createClient('https://urisbixnwkzdvpwtfqsu.supabase.co', 'sb_publishable_z8PcaLHGBAeoh2UoxhZioNvgTDN1P4b');
const bot = Deno.env.get('TELEGRAM_BOT_TOKEN');
