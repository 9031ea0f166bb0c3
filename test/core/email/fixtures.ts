// Sample emails shared by the rubric tests.

export const STRONG = {
  subject: 'Onboarding at Acme',
  body: `Hi Dana,

Saw that Acme just opened a second office in Austin. Congrats!

Teams growing that fast often find new reps take months to ramp. We give each new rep short, daily practice calls on your own deals. Brightline cut ramp from 90 days to 45 that way.

Would you be open to a quick look?

Best,
Sam`,
  lead: { firstName: 'Dana', company: 'Acme', city: 'Austin' },
};

export const WEAK = {
  subject: 'RE: AMAZING opportunity to 10x your revenue with our platform - act now',
  body: `Hello,

My name is Bob and I am the Senior Account Executive at SuperSales Inc. We are the leading provider of AI-driven sales engagement solutions and we have helped hundreds of companies like yours increase sales by 300% with our proprietary, patented technology that our engineers spent years building. I wanted to reach out because I believe our platform is a perfect fit for your organization and we guarantee results or your money back!!

Our platform offers FREE onboarding, a free trial, and we are offering a limited time discount for new customers only. Check out https://supersales.io/features and https://supersales.io/pricing and our case studies at supersales.io/customers to learn more about what we do. I am confident that you will be AMAZED by what we can do for you.

Can we schedule a 30 minute call this week? You can book a time on my calendar at https://calendly.com/bob-supersales. Let me know if Tuesday or Wednesday works for you. I look forward to hearing from you and I hope we can work together.

Best regards,
Bob`,
};

/** Builds a plain body of `n` short words in sentences of `perSentence` words, ending with one ask. */
export function bodyOfWords(n: number, perSentence = 8): string {
  const words: string[] = [];
  for (let i = 0; i < n - 7; i++) words.push(i % perSentence === perSentence - 1 ? 'team.' : 'your');
  return `${words.join(' ').replace(/your$/, 'team.')} Would you be open to a chat?`;
}
