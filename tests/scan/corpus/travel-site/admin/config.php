<?php
// Back-office admin settings
define('HUBSPOT_TOKEN', 'pat-na2-6309f038-a790-60d2-5a64-2325b10e3b7c');
define('HUBSPOT_SANDBOX_TOKEN', getenv('HUBSPOT_SANDBOX_TOKEN'));
$config['mapbox_public'] = 'pk.eyJ1IjoiYmx1ZWNvbXBhc3MiLCJhIjoiM29nc3M0bWdhOG43cTJ0aG9mc2l4d2FzbyJ9.fpF-Z_ue2co7-z9FWbERbJ';
$config['mapbox_geocoding_secret'] = 'sk.eyJ1IjoiYmx1ZWNvbXBhc3MiLCJhIjoiZjcwdmhseHNvNDFvdHVuMWR0cGhrMTd6aCJ9.IXZA0G7NB-Tg_zZsUfXJE_';
$config['newrelic_insert_key'] = 'NRII-z-_07zJdHNyjf6OEC72rPgK-4LXCgk_6';
$config['newrelic_app_id'] = '417733902';
$config['supabase_service_role'] = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImJuYml1aWF2amlkbnd0eHVteGtlIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTc0MTAwMDAwMCwiZXhwIjoyMDU2NTc2MDAwfQ.WRe8pQIMLTtz7UmqVsMGTgZWofigIYtbsM3rQ2fmYaV';
$config['telegram_bot'] = '8317357313:AAXKjhkZOd4BK0F57V4_lautRpW_8xt35N3';
$config['telegram_chat_id'] = '-1001873462915';
return $config;
