<?php
// Sends the enquiry to the owner.
$sendgrid = new \SendGrid('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');
$mail = new \SendGrid\Mail\Mail();
$mail->addTo(getenv('CONTACT_TO'));
