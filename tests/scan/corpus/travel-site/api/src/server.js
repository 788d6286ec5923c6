const express = require('express');
const Sentry = require('@sentry/node');
const { LinearClient } = require('@linear/sdk');

Sentry.init({ dsn: 'https://f42315670751712e8b2c7ec02b0fbf0e@o394293.ingest.sentry.io/3243033', tracesSampleRate: 0.1 });

const linear = new LinearClient({ apiKey: process.env.LINEAR_API_KEY });
const triage = new LinearClient({ apiKey: 'lin_api_XfuhiNUyanrKjbe8VcDs02SseVdNv9gV2As9A7gW' });

const MAPBOX_PUBLIC_KEY = 'pk.eyJ1IjoiYmx1ZWNvbXBhc3MiLCJhIjoic3FzMnlydmRtN2l4NHdpcnN2bW10eXF0eiJ9.mDJa4bfpxUIJf1AhPOq7v7';
const MAPBOX_STATIC_SECRET = 'sk.eyJ1IjoiYmx1ZWNvbXBhc3MiLCJhIjoiYTR3anl4aTNkNGdrMTkwOGFrOWFnNHJnMyJ9.M1gk12eYRmhimpBZO_oWc1'; // server-side static images

const netlifyToken = process.env.NETLIFY_AUTH_TOKEN;
const netlifyHookToken = '08WxguTznJW9WJs-a8-fCPuFzionwt8LTM9P8jDDajD';
const vercelToken = process.env.VERCEL_TOKEN;
const vercelDeployToken = 'bQXFj62OEJgYSslo5dDbcenk';

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.locals.hubspotPortalId = 24681357;
app.listen(process.env.PORT || 8080);
