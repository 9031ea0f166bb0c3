// The phrasing corpus the offline intent classifier is trained on at start (no weights are fetched or
// stored). Names, companies, places, industries, technologies, titles and numbers appear as
// placeholders, as the classifier sees them after entity abstraction (abstract-entities.ts), so it
// learns how a request is phrased rather than which lead it names. Add lines to teach it new wordings.

export const INTENTS = ['find', 'get', 'enrich', 'roast', 'draft', 'update', 'usage', 'digest', 'help', 'greeting', 'thanks', 'other'] as const;
export type IntentClass = (typeof INTENTS)[number];

/** Placeholders standing for recognised entities. */
export const PLACEHOLDERS = ['xperson', 'xcompany', 'xindustry', 'xplace', 'xtech', 'xtitle', 'xnum', 'xemail', 'xordinal', 'xstatus'] as const;

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export const INTENT_CORPUS: Record<IntentClass, string[]> = {
  find: lines(`
    find xtitle at xindustry companies in xplace
    show me xnum leads in xindustry with xnum-xnum employees that use xtech
    who are my xstatus leads
    any xtitle in xplace
    list xstatus leads in xplace
    who should i call today
    xindustry leads in xplace
    show me xindustry companies
    xtitle in xindustry
    leads using xtech
    companies on xtech in xplace
    give me xnum xstatus leads
    top xnum leads in xindustry
    best xnum leads
    newest leads from xplace
    most recent xnum leads
    latest xindustry leads sorted by most recent
    leads with a score above xnum
    leads where fit score is at least xnum
    hot leads in xplace
    my team's leads in xplace
    leads owned by my team
    unassigned leads
    leads nobody owns
    anyone at xcompany
    who works at xcompany
    who's the xtitle at xcompany
    who should i contact at xcompany
    people at xcompany
    xindustry leads outside xplace
    xindustry leads but not in xplace
    leads in xplace except xindustry
    leads that are not xstatus
    everything except xstatus
    all my leads except the xstatus ones
    leads that don't use xtech
    companies not using xtech
    non-xindustry leads in xplace
    xplace xindustry companies
    xindustry firms with more than xnum employees
    small xindustry companies in xplace
    enterprise accounts in xplace
    mid-size companies using xtech
    xindustry startups with under xnum people
    companies between xnum and xnum people in xplace
    any xindustry shops in xplace
    xindustry cos in xplace
    xtech users in xindustry
    xtech merchants in xplace that aren't xstatus yet
    decision makers at xindustry companies
    c-level people in xindustry
    vp-level people in xplace
    senior engineers in xindustry
    directors or vps at xindustry companies in xplace
    managers in xindustry not in xplace
    leads i haven't contacted in xindustry
    leads that replied
    xstatus leads that didn't reply
    show me the xstatus ones
    xstatus or xstatus leads
    search for xcompany
    look up leads at xcompany
    pull up xindustry leads in xplace and xplace
    anybody in xindustry in xplace or xplace
    what leads do we have in xplace
    do we have any leads in xindustry
    are there any xtitle in xplace
    which leads use xtech
    who is running xtech
    who's using xtech
    who runs xtech
    who uses xtech in xplace
    get me a list of xtitle
    prospects in xplace
    contacts at xindustry companies
    accounts in xplace with xtech
    now only the ones using xtech
    same but in xplace
    what about in xplace instead
    only the xstatus ones
    narrow it to xplace
    leads with xtech but without xtech
    who uses xtech but not xtech
    could you provide a list of xtitle in the xindustry sector based in xplace
    i need xnum leads from the xindustry sector
    gimme xnum xindustry leads
    yo any xindustry leads in xplace
    pls find leads in xplace
    leads from xplace
    leads in xindustry
    xtitle
    xindustry
    show all leads
    my pipeline
    my leads
    show me my book
    who has replied
    who responded this week
    high-fit leads in xindustry
    leads sorted by score
    best first
    newest first
  `),
  get: lines(`
    tell me about xperson
    details for xperson
    full details for xperson please
    xperson's details
    give me the details on xperson
    show me xperson
    who is xperson
    who's xperson again
    what do we know about xperson
    details on xperson
    info on xperson
    open xperson
    open up the xordinal
    pull up xperson's profile
    show xperson's lead card
    give me the full rundown on xperson
    what's the latest on xperson
    what's the status of xperson
    where does xperson work
    what company is xperson with
    what's his title
    what's her background
    tell me more about her
    tell me more about him
    more on the xordinal one
    more on xordinal
    what about xordinal
    details on the xordinal
    show me the xordinal one
    show me the last one
    the xordinal one looks interesting, details
    let me see the xordinal lead
    i would like to see the complete record for xperson
    can you show me xperson's record
    who is this xperson guy
    xperson details please
    look at xperson
    view xperson
    check on xperson
    open that lead
    show me that lead
    what does xperson do
    how did we get xperson
    anything on xperson
    dig into xperson
    profile of xperson
    open lead xemail
    show me xemail
    who is xemail
    info on xperson from acme
    info about xperson at xcompany
    xperson from xcompany, what do we have
    the xperson at xcompany, show me
    what's xperson's email
    how do i reach xperson
    when did we last talk to xperson
  `),
  enrich: lines(`
    enrich xperson
    enrich the xordinal one
    enrich him
    enrich her again
    re-enrich xperson
    refresh the data on xperson
    redo the enrichment for xperson
    run enrichment again on xperson
    update the data for xperson
    fill in the details for xperson
    fill in the blanks for the xordinal one
    fill in xperson's missing info
    find xperson's missing info
    his details are incomplete, enrich him
    the data looks stale, refresh it
    look up xperson's company info from the web
    find out more about xperson from public sources
    get me xperson's linkedin and company data
    research xperson online
    complete xperson's profile
    enrich them all
    enrich all of them
    enrich xordinal
    can you enrich the last one
    redo the lookup for xperson, force it
    pull fresh data for xperson
    find xperson's company size and tech stack
    what's missing on xperson, fill it in
    augment xperson's record
    get more data on xperson from public sources
    xperson's record is half empty, dig up the rest
    xperson's profile is thin, can you dig up more
    the record for xperson has gaps, fill them
    dig up what's missing on xperson
    track down the missing details for xperson
    scrape whatever you can find on xperson
    pull the firmographic data for xperson
    technographics for xperson's company please
    i need firmographics and technographics on the xordinal one
    gather company intel on xperson
  `),
  roast: lines(`
    roast this email
    roast my email
    critique this email
    review my cold email
    give me feedback on this outreach
    feedback on my email
    what do you think of this email
    is this email any good
    is this spammy
    does this sound too needy
    what's wrong with this email
    tear this apart
    rip this apart
    rate this email
    rate this xnum-xnum
    score my email before i send it
    grade my pitch
    can you evaluate the effectiveness of the following email
    my manager says this email is bad, is he right
    how would you improve this email
    improve my draft
    check my email
    any good
    thoughts
    be honest, how is this
    would you reply to this
    is my subject line ok
    critique my subject line and body
    make this email better
    how does this read
  `),
  draft: lines(`
    draft an email to xperson
    write an intro email to xperson
    write xperson a cold email
    write him a cold email
    compose a first-touch message to xperson
    draft a follow-up to xperson
    email xperson
    write to the xordinal one
    draft an email to the last one
    ping xordinal, draft it
    need an opener for xperson
    write a first email for xperson
    prepare an introductory email to xperson
    what should i say to xperson in my first email, write it for me
    i want to pitch xperson, write the email
    can you write something to xperson to open the conversation
    i haven't emailed xperson yet, draft me something
    write mail to xperson, first contact
    draft a message to xperson about our pricing
    write a breakup email to xperson
    send xperson a follow up
    reach out to xperson
    compose an email for her
    draft outreach for the xordinal one
    write a short note to xperson
    help me write to xperson
    craft a cold email for xperson
    put together an intro for xperson
    draft something for him
    write a follow-up email to xperson about the demo
  `),
  update: lines(`
    mark xperson as xstatus
    set xperson to xstatus
    change xperson's status to xstatus
    move xperson to xstatus
    mark the xordinal one as xstatus
    mark it as xstatus
    xperson is xstatus
    xperson is now a customer
    xperson is now a paying customer
    the xordinal one is a customer already, update it
    the xordinal one said they're not interested
    the xordinal one turned us down
    xperson asked us to stop emailing
    remove xperson from the list, not a fit
    the xordinal one closed today
    xordinal replied
    xperson replied
    xperson just replied to me
    xperson answered my email finally
    he replied
    she got back to me
    xperson signed the contract
    xperson's company signed
    xcompany is officially a customer now
    xperson bought
    we closed xperson
    xperson closed the deal
    we won the deal with xcompany
    xcompany is signing with us
    xperson said no, not interested, disqualify him
    disqualify xperson, no budget this year
    qualify xperson
    xperson is not a fit, drop her
    xperson is a bad fit
    i emailed xperson yesterday
    i called xperson this morning
    i reached out to xperson
    xperson hasn't replied, still just contacted
    xperson didn't reply yet but i did send the email
    just called xperson, she wants a demo next week
    remember that xperson prefers german
    add a note to xperson: wants pricing
    log a note for the xordinal one: met at the conference
    note for xperson: call back in march
    xperson has budget and need, put him as qualified
    put xperson as qualified
    flag xperson as disqualified
    update xperson to contacted
    xperson wants a call next week, note it
    met xperson at a conference, add that
    xperson's status should be replied
    change xperson status to new
  `),
  usage: lines(`
    how much budget do i have left
    what's my usage
    show my usage
    what's my usage today
    how much have i spent today
    what's my spend
    what's my ai spend so far
    how many credits did i spend today
    cost so far today
    how much money have i spent on the assistant today
    how expensive have my requests been today
    am i over budget
    am i close to my daily limit
    have i hit my cap yet
    how much is left
    what's left of my budget
    my quota
    remaining allowance
    how much did i use
    spending today
    what have i used so far
    am i running out of budget
    how much can i still spend
  `),
  digest: lines(`
    send my digest mondays at xnum
    daily digest at xnum
    pause my digest
    resume my digest
    turn the digest back on
    stop sending my team the daily digest
    disable digest till further notice
    re-enable the team digest weekly on monday
    make the digest daily at xnum
    shift the digest to xnum am
    switch the digest to tuesdays and thursdays
    i want the digest every weekday at xnum
    turn off the weekly summary for my team
    pause the team digest
    change my digest to fridays
    move my team report to xnum
    weekly recap on mondays please
    stop the digest
    start the digest again
  `),
  help: lines(`
    help
    what can you do
    what can i ask
    how does this work
    how do i use this
    what are your commands
    show me examples
    who are you
    what is salesos
    what else can you do
    what are you for
    how can you help me
    getting started
  `),
  greeting: lines(`
    hi
    hello
    hey there
    good morning
    hello there
    hiya
    yo
    howdy
    how's it going
    how are you
    what's up
    good afternoon
  `),
  thanks: lines(`
    thanks
    thank you so much
    thanks bye
    cheers
    great thanks
    perfect
    awesome
    ok got it
    bye
    see you
    lol
    nice
    cool
  `),
  other: lines(`
    translate this sentence into german
    translate this into xplace
    translate thanks for your time into xplace
    can you translate best regards to xplace
    how do you say thank you in french
    what's the latest news on interest rates
    any news about the stock market today
    what's new in the economy
    how many days until christmas
    how many weeks until easter
    when is thanksgiving this year
    what day of the week is it
    what's today's date
    how many days are left in the year
    what's the weather in xplace tomorrow
    is it going to rain in xplace this weekend
    how bad is traffic in xplace today
    what currency do they use in xplace
    convert xnum euros to dollars
    what's the exchange rate
    what's the time difference between xplace and xplace
    recommend a good restaurant in xplace
    best xnum hotels in xplace
    flights to xplace next week
    what's the population of xplace
    capital of xplace
    are banks open on sunday in xplace
    how many people live in xplace
    translate thank you to japanese
    tell me a joke
    tell me a joke about xtitle
    jokes about xindustry people
    what does xtitle stand for
    explain what xindustry means
    what is xtech
    is xtech down
    which crm is better, xtech or xtech
    is xtech better than xtech for my own store
    how much is a xtech license per seat
    how much does a car cost
    how many employees does xcompany have
    is xcompany a good company to work for
    any xindustry news today
    what's happening in xindustry
    stock price of xcompany
    how do i reverse a linked list in python
    write me a sql query to find duplicate rows
    how do i center a div
    how do i fix an infinite loop
    debug this error
    how do i exit vim
    what's xnum plus xnum
    what's 2+2
    what is xnum times xnum
    calculate xnum percent of xnum
    solve this equation
    who won the champions league
    top xnum movies of xnum
    give me xnum tips for public speaking
    what's a good weekly workout schedule
    play some music
    order me a pizza
    book a meeting room
    set an alarm
    what's the status of my amazon order
    who is the president of xplace
    explain how gdpr affects marketing in xplace
    is it legal to cold email people in xplace
    write a poem
    summarize this article
    what's the meaning of life
    can you help me with my homework
    recipe for pancakes
    what time is it
    how old is the universe
    who invented the telephone
    teach me spanish
    what's a good book to read
    sing me a song
    tell me a story
    what should i eat for lunch
    how do i get to the airport
    news today
    what is machine learning
    founder of xtech
    history of xcompany
    learning xtech as a beginner
    xindustry market trends
    xindustry market outlook
    distance between xplace and xplace
    flight to xplace
    things to do in xplace
    cost of living in xplace
    reset my password
    locked out of my account
    laptop is broken
    screen sharing not working
    pivot table in a spreadsheet
    expense report form
    vacation days and sick leave
    parental leave policy
    office wifi password
    parking at the office
    lunch plans for the team
    handling price objections
    negotiation tips
    preparing a discovery call
    staying motivated after a bad quarter
    public speaking tips
    planets in the solar system
    tallest building in the world
    election results
    crypto investing
    bored and tired
  `),
};

/** Every plain word of the corpus (spelling correction aims at these). */
export const CORPUS_WORDS: readonly string[] = [
  ...new Set(
    Object.values(INTENT_CORPUS)
      .flat()
      .flatMap((l) => l.toLowerCase().split(/[^a-z]+/))
      .filter((w) => w.length >= 4 && !(PLACEHOLDERS as readonly string[]).includes(w)),
  ),
  // Words the slot extractors rely on that the corpus lines above do not spell out.
  ...'users shops stores merchants clients accounts contacted replied qualified disqualified customer customers uncontacted employees people companies leads prospects newest recent latest score excluding except outside without owned assigned unassigned industry sector enrichment digest weekly daily monday tuesday wednesday thursday friday saturday sunday pause resume usage budget spend draft email roast status healthcare'.split(
    ' ',
  ),
];
