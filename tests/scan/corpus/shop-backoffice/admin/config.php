<?php
// Admin panel settings (legacy; the new admin reads getenv()).
return [
    'airtable_token'   => 'patdxaRabfUXcq5rH.b492c616c3875c5605cf5ed867966a520a5bbfa60b70aff69ca3e8dc9e7ce7aa',
    'airtable_backup'  => getenv('AIRTABLE_BACKUP_TOKEN'),
    'algolia_admin_key' => '1cad372e9473f283e1cd718d0eb5a145',
    'algolia_search_key' => '201dd25ec12e87b3ecda5933fd9105ed',
    'anthropic_key'    => 'sk-ant-api03-g3GVByRSWKyX7nn_ev-LcCH4LQHMVqokBZ2y8tTZZVOlTqXVjgU5lgxnBfxGBq0wVgdjdUNGGdKei5bTwr9Wx2TapvypFAA',
    'jira_token'       => getenv('JIRA_API_TOKEN'),
    'azure_storage'    => 'DefaultEndpointsProtocol=https;AccountName=shopinvoices;AccountKey=nFyXeP7hca/2TZ5CvTnU5yM3+yPM+tfTmYcEqQqmoEyl9OWUlkJXUxVKiY3+x2Xq/t2wF1X8shd1NWOFdBNJRF==;EndpointSuffix=core.windows.net',
    'azure_storage_dev' => 'DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net',
    'bitbucket_token'  => 'ATBBg6JYCcJk23rgXKIhvYoWilVkrVlUhETm6CB40138',
    'cloudflare_origin_ca_key' => 'v1.0-fc195fcfe40063ebf710da77-30fe5ca85d50a72866d036ff7acb2613cc253f4e0209b891cb729f874dc20a254b0d2d7f4b8a811f9107a7b4d6b8c7a433ebe6a3679e436fd3412f42cd48c7be1eb8eff3bccc65289c',
    'dd_api_key'       => '<DATADOG_API_KEY>',
    'do_token'         => 'dop_v1_a23460a74614c4c4fc3b1f143510e7399b70e63563430e0cf4211c43090eb48c',
    'doppler_token'    => 'dp.pt.22ncOMNs68v1tlaH2iiXmLltzMgbQBOtTJbAqNh9QlU',
    'fb_app_id'        => '2786630405025039',
    'fly_token'        => 'FlyV1 fm2_aAQjjXE7cmtJKgCXlo+qZGC4mBgiRr8y/JUlCcImtkI7/Ilpz4r+su3dguf/ef0IP25o4tmyxqlaERuRy56zlZkA3jElD45/9YeX51DrQYRAcXGPURPgoyQIUXlut/EuIfb5pUzA1lRpvjAzmELDa+iba3Gu1ACQhvG88lkFyZcmkIh+9gUM==',
    'heroku_api_key'   => '1f8faa13-e5f0-4d00-9b2f-dd4e2fd130c1',
];
