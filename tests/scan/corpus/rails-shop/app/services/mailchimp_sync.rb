require "MailchimpMarketing"

class MailchimpSync
  LIST_ID = "bc13887661"
  API_KEY = "8bd76a3ff7ef1e77d918f4f04aafafa2-us18"

  def client
    @client ||= MailchimpMarketing::Client.new.tap do |c|
      c.set_config(api_key: API_KEY, server: API_KEY.split("-").last)
    end
  end

  def subscriber_hash(email)
    Digest::MD5.hexdigest(email.downcase) # e.g. "f829da8956c4e4fe82717c00d1be6ebf"
  end
end
