/**
 * Built-in template: an airline passenger's journey (method brief §6), in English and Simplified Chinese.
 *
 * Six stages: booking/ticketing, check-in, security, boarding, in-flight, arrival.
 * Two personas with different curves:
 * - a frequent business flyer ("three highs" heavy customer): trough at boarding, peak at the business-class
 *   turn-down service, neutral end at baggage claim;
 * - a family flying once a year: trough at security, peak at the in-flight meal, and an end at baggage claim
 *   that is still negative and one step above the trough — so the "ends near the trough" warning fires.
 * Cases drawn on: Singapore Airlines (personalised meals), SAS (boarding fixed after post-flight surveys),
 * China Airlines (business-class turn-down service).
 */
import type { JourneyMap, Locale } from '../schema';
import { PERSONA_COLORS } from '../defaults';
import { buildTemplate, t, type TemplateSpec } from './build';

type PersonaKey = 'business' | 'family';
type CardKey = 'booking' | 'bagDrop' | 'boarding' | 'meal' | 'bedtime' | 'baggage';

const CORE_MESSAGE = t('This airline is different', '这家航空公司不一样');

export const AIRLINE_SPEC: TemplateSpec<PersonaKey, CardKey> = {
  title: t('Airline journey: from booking to baggage claim', '航空出行旅程：从订票到提取行李'),
  description: t(
    'A starting point for mapping a passenger journey: six stages, two personas with their emotion curves, and sample Moments of Truth. Replace the sample content with what your own research shows.',
    '梳理旅客出行旅程的起点：六个阶段、两类旅客及各自的情绪曲线，外加几条示例关键时刻（MOT）。请用你们自己的调研结果替换示例内容。',
  ),
  coreMessage: CORE_MESSAGE,
  focusDimension: 'repurchase',
  personas: [
    {
      key: 'business',
      name: t('Frequent business flyer', '高频商务旅客'),
      description: t(
        'Gold member who flies more than 40 times a year, often business class on long-haul routes: a "three highs" heavy customer (buys often, pays a high fare, flies a lot). Values time, predictability and being recognised.',
        '金卡会员，每年飞四十多趟，长航线常坐商务舱，是购买频次高、客单价高、使用频率高的“三高”重度顾客。最看重省时、心里有数，以及被认出来、被记住。',
      ),
      color: PERSONA_COLORS[0],
    },
    {
      key: 'family',
      name: t('Family on the yearly holiday', '一年一飞的度假家庭'),
      description: t(
        'Two parents with a four-year-old and a stroller, flying economy once a year for the summer holiday. Price-conscious, unsure of airport procedures, and worried about queues and luggage.',
        '父母带着四岁的孩子和一辆婴儿推车，每年暑假坐一次经济舱出游。对价格敏感，不熟悉机场流程，最怕排队和行李出岔子。',
      ),
      color: PERSONA_COLORS[1],
    },
  ],
  stages: [
    {
      name: t('Booking & ticketing', '预订购票'),
      description: t(
        'Searching, comparing and buying the ticket, plus seats, bags and meals.',
        '搜索、比价、出票，以及选座、行李、餐食等附加服务。',
      ),
      cards: [
        {
          lane: 'action',
          title: t('Compare fares and book', '比价下单'),
          description: t(
            'Compares flight times and all-in prices across airlines, then books seats and extras in one go.',
            '对比各家的航班时刻和含税总价，再把座位和附加服务一次订好。',
          ),
        },
        {
          key: 'booking',
          lane: 'touchpoint',
          channel: 'web',
          title: t('Search & booking on web or app', '官网 / App 购票'),
          description: t(
            "Searches flights, picks a fare and seats, and pays on the airline's website or app.",
            '在航空公司官网或 App 上查航班、选票价和座位，完成支付。',
          ),
          emotions: {
            business: { value: 1, target: 2, evidence: { source: 'survey', respondents: 412, spread: 0.9 } },
            family: {
              value: 0,
              target: 1,
              evidence: {
                source: 'survey',
                respondents: 186,
                spread: 1.3,
                quotes: [t("I couldn't tell which fare included a checked bag.", '根本看不出哪档票价含托运行李。')],
              },
            },
          },
        },
        {
          lane: 'touchpoint',
          channel: 'email',
          title: t('Pre-flight meal selection', '行前选餐'),
          description: t(
            "A few days before departure, an email invites the passenger to pre-order a meal, with last trip's choice already selected.",
            '出发前几天收到邮件，可以提前预订机上餐食，上次选过的餐已经默认勾好。',
          ),
          emotions: {
            business: { value: 2, target: 2 },
            family: { value: 1, target: 2 },
          },
        },
        {
          lane: 'backstage',
          title: t('Passenger profile & preferences', '旅客档案与偏好'),
          description: t(
            'The CRM links each booking to the member profile, so seat, meal and special-service preferences follow the passenger.',
            'CRM 把每张订单关联到会员档案，座位、餐食和特殊服务偏好随人走。',
          ),
        },
        {
          lane: 'pain',
          title: t('Fare rules are hard to read', '票价规则看不懂'),
          description: t(
            'Which fare includes bags, changes or seat choice is buried in small print.',
            '哪档票价含行李、能改签、能选座，全藏在小字里。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Family all-in fare', '家庭一口价'),
          description: t(
            'One price for the whole family that already includes a checked bag, the stroller and seats together.',
            '一个价格就包含托运行李、婴儿推车和连座，全家一次买齐。',
          ),
        },
      ],
    },
    {
      name: t('Check-in', '值机'),
      description: t('Getting a boarding pass and handing over the bags.', '拿到登机牌、交运行李。'),
      cards: [
        {
          lane: 'action',
          title: t('Check in and drop bags', '值机并托运行李'),
          description: t(
            'Checks in online the day before, then drops the bags at the airport.',
            '前一天在线值机，到了机场再去交运行李。',
          ),
        },
        {
          lane: 'touchpoint',
          channel: 'app',
          title: t('Online check-in', '线上值机'),
          description: t(
            'Checks in on the app 24 hours before departure and saves the boarding pass to the phone.',
            '起飞前 24 小时在 App 上值机，把电子登机牌存进手机。',
          ),
          emotions: {
            business: { value: 1, target: 2 },
            family: { value: 0, target: 1 },
          },
        },
        {
          key: 'bagDrop',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Bag-drop counter', '行李托运柜台'),
          description: t(
            'Hands over checked bags at the counter; families also get the stroller tagged here.',
            '在柜台交运行李；带孩子的家庭还要在这里给婴儿推车挂牌。',
          ),
          emotions: {
            business: { value: 1, target: 2 },
            family: { value: -1, target: 0, evidence: { source: 'observation', respondents: 40, spread: 1 } },
          },
        },
        {
          lane: 'frontstage',
          title: t('Check-in agent', '值机柜台服务员'),
          description: t(
            'Greets the passenger by name, confirms seats and explains that the stroller can be taken to the gate.',
            '称呼旅客的姓氏，核对座位，并告诉家长婴儿推车可以一直推到登机口。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Departure control system', '离港系统'),
          description: t(
            'Seat map, bag weights and the passenger list are synchronised with the gate in real time.',
            '座位图、行李重量和旅客名单与登机口实时同步。',
          ),
        },
        {
          lane: 'pain',
          title: t('Peak-hour queue at bag drop', '托运高峰排长队'),
          description: t(
            'Queues of twenty minutes or more, with small children to keep an eye on.',
            '一排就是二十多分钟，还得一边看着孩子。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Self bag-drop with a host', '自助托运加引导员'),
          description: t(
            'Self-service bag-drop machines, with a host who helps families and first-time flyers.',
            '设自助托运机，并安排引导员专门照应带孩子的家庭和第一次坐飞机的旅客。',
          ),
        },
      ],
    },
    {
      name: t('Security', '安检'),
      description: t('Getting through the security checkpoint.', '通过安全检查。'),
      cards: [
        {
          lane: 'action',
          title: t('Go through security', '过安检'),
          description: t(
            'Takes out liquids and laptops, folds the stroller and walks through the scanner.',
            '掏出液体和电脑，收起婴儿推车，走过安检门。',
          ),
        },
        {
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Security checkpoint', '安检通道'),
          description: t(
            'Trays, scanners and pat-downs; liquids and electronics have to come out of the bags.',
            '托盘、安检机、人身检查，液体和电子产品都得从包里拿出来。',
          ),
          emotions: {
            business: { value: -1, target: 0 },
            family: {
              value: -3,
              target: -1,
              evidence: {
                source: 'observation',
                respondents: 24,
                spread: 0.7,
                quotes: [
                  t(
                    'We had to throw away the baby water and he screamed all the way through.',
                    '孩子的水被要求当场扔掉，他一路哭着过的安检。',
                  ),
                ],
              },
            },
          },
        },
        {
          lane: 'frontstage',
          title: t('Fast-track lane', '快速安检通道'),
          description: t(
            'Gold members and business-class passengers use a separate, shorter lane.',
            '金卡会员和商务舱旅客走单独的快速通道，队伍短得多。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Airport security operator', '机场安检部门'),
          description: t(
            'Screening is run by the airport, not the airline; the airline can share passenger-flow forecasts in advance.',
            '安检由机场负责，不归航空公司管；航空公司能做的是提前共享客流预测。',
          ),
        },
        {
          lane: 'pain',
          title: t('Baby food and liquid rules', '婴儿食品和液体规定'),
          description: t(
            'Parents are unsure how much baby milk and water they may carry, and often have to throw it away.',
            '父母弄不清奶粉、婴儿用水能带多少，常常只能当场丢掉。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Family lane & a plain liquids guide', '家庭通道与携带指南'),
          description: t(
            'Work with the airport on a family lane, and send a plain guide to baby-food rules with the boarding pass.',
            '与机场合作开设家庭专用通道，并随电子登机牌附上一份说清楚婴儿食品怎么带的指南。',
          ),
        },
      ],
    },
    {
      name: t('Boarding', '登机'),
      description: t('Waiting at the gate and getting on the aircraft.', '在登机口候机，直到坐上飞机。'),
      cards: [
        {
          lane: 'action',
          title: t('Wait at the gate and board', '候机并登机'),
          description: t(
            'Listens for the boarding call, queues to scan the pass, then finds the seat and space in the overhead bin.',
            '等广播叫号，排队验登机牌，再找座位和行李架空位。',
          ),
        },
        {
          key: 'boarding',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Gate announcements & boarding', '登机口广播与登机'),
          description: t(
            'Boarding groups are called over the speakers and on the gate screen, then passes are scanned at the door.',
            '广播和登机口屏幕按组叫号，随后在闸口验登机牌。',
          ),
          emotions: {
            business: {
              value: -2,
              target: 1,
              evidence: {
                source: 'feedback',
                respondents: 238,
                spread: 1.1,
                quotes: [
                  t('Boarding is a scrum. Nobody calls the groups properly.', '登机跟抢位子一样，分组根本没人管。'),
                  t('By the time I got on, there was no room for my bag.', '等我上去，行李架早就没地方了。'),
                ],
              },
            },
            family: { value: -2, target: 0 },
          },
        },
        {
          lane: 'frontstage',
          title: t('Gate agents', '登机口地服'),
          description: t(
            'Call the boarding groups, check passes, and take strollers and oversized cabin bags at the aircraft door.',
            '分组叫号、验登机牌，在舱门口收婴儿推车和超大手提行李。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Post-flight survey drives fixes', '航后调查驱动改进'),
          description: t(
            'As at SAS, a survey after every flight showed boarding was the top complaint, so the process was redesigned at once.',
            '借鉴北欧航空：每个航班结束后都发满意度调查，发现登机流程被吐槽最多，立即着手优化。',
          ),
        },
        {
          lane: 'pain',
          title: t('Crowded gate, unclear groups', '登机口拥挤、分组混乱'),
          description: t(
            'Everyone queues at once; families and frequent flyers alike end up without bin space.',
            '大家一拥而上，带孩子的家庭也好，常旅客也好，都可能找不到行李架空位。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Back-to-front zone boarding', '由后往前分区登机'),
          description: t(
            'Families first, then zones from the back forward, with the zone printed on the pass and shown on the gate screen.',
            '带孩子的家庭优先，其余从后排往前按区登机；区号印在登机牌上，也显示在登机口屏幕上。',
          ),
        },
      ],
    },
    {
      name: t('In-flight', '机上'),
      description: t('From take-off to landing: meals, rest and entertainment.', '从起飞到落地：用餐、休息、娱乐。'),
      cards: [
        {
          lane: 'action',
          title: t('Eat, rest and pass the time', '用餐、休息、打发时间'),
          description: t(
            'Eats, watches a film, tries to sleep; the family keeps a four-year-old busy for hours.',
            '吃饭、看电影、想办法睡一会儿；带孩子的一家还得陪四岁的娃耗上好几个小时。',
          ),
        },
        {
          key: 'meal',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Personalised meal service', '个性化餐食服务'),
          description: t(
            "Crew serve the pre-ordered meal by name, and children's meals come first.",
            '乘务员叫着旅客的姓氏送上预订的餐食，儿童餐最先送到。',
          ),
          emotions: {
            business: { value: 2, target: 3, evidence: { source: 'survey', respondents: 412, spread: 0.8 } },
            family: {
              value: 2,
              target: 2,
              evidence: {
                source: 'interview',
                respondents: 9,
                spread: 0.6,
                quotes: [
                  t("They brought our son's meal first, and that calmed everyone down.", '他们先给孩子上了餐，全家一下子都松了口气。'),
                ],
              },
            },
          },
        },
        {
          key: 'bedtime',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Bedtime service', '就寝服务'),
          description: t(
            'In business class, crew turn the seat into a bed with a mattress pad and duvet; in economy, blankets and dimmed lights.',
            '商务舱由乘务员把座椅放平、铺好床垫和被子；经济舱则送上毯子并调暗灯光。',
          ),
          emotions: {
            business: {
              value: 3,
              target: 3,
              evidence: {
                source: 'interview',
                respondents: 12,
                spread: 0.5,
                quotes: [
                  t('When they made up my bed, I thought: this airline is different.', '乘务员给我铺床的那一刻，我就觉得这家航空公司不一样。'),
                ],
              },
            },
            family: { value: 1, target: 2, evidence: { source: 'assumption' } },
          },
        },
        {
          lane: 'frontstage',
          title: t('Cabin crew', '乘务组'),
          description: t(
            "Know each passenger's name, meal and special occasion from the manifest, and look in on families during the flight.",
            '从旅客名单上了解每位旅客的姓名、餐食和特殊需求，飞行中主动照看带孩子的家庭。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Catering & manifest', '配餐与旅客名单'),
          description: t(
            "Pre-ordered meals are loaded by seat, and the crew's manifest flags preferences and special occasions.",
            '预订餐食按座位装机，乘务员拿到的旅客名单上标注了偏好和特殊场合。',
          ),
        },
        {
          lane: 'pain',
          title: t('Meal choice runs out at the back', '后排选不到想要的餐'),
          description: t(
            'Passengers who did not pre-order often get whatever is left by the time the trolley reaches them.',
            '没有提前订餐的旅客，餐车推到后排时往往只剩一种可选。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Remember the meal next time', '下次还记得这份餐'),
          description: t(
            'Save what the passenger chose and how they rated it, and offer it first on the next flight.',
            '记下旅客这次点了什么、评价如何，下次航班优先推荐。',
          ),
        },
      ],
    },
    {
      name: t('Arrival', '抵达'),
      description: t('Leaving the aircraft, finding the way and collecting bags.', '下飞机、找路、取行李。'),
      cards: [
        {
          lane: 'action',
          title: t('Disembark and collect bags', '下机取行李'),
          description: t(
            'Follows the signs to immigration or transfers, then waits at the carousel.',
            '跟着指示牌去入境或转机，然后到转盘前等行李。',
          ),
        },
        {
          lane: 'touchpoint',
          channel: 'signage',
          title: t('Arrival wayfinding', '到达指引'),
          description: t(
            'Signs, screens and announcements lead to transfers, immigration and baggage claim.',
            '指示牌、屏幕和广播引导旅客前往中转、入境和行李提取区。',
          ),
          emotions: {
            business: { value: 0, target: 1, evidence: { source: 'assumption' } },
            family: { value: -1, target: 1 },
          },
        },
        {
          key: 'baggage',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Baggage claim', '行李提取'),
          description: t(
            'Waits at the carousel; strollers and oversized items come out at a separate belt.',
            '在转盘前等行李；婴儿推车和大件行李要去另一个口领取。',
          ),
          emotions: {
            business: { value: 0, target: 2, evidence: { source: 'survey', respondents: 412, spread: 1.2 } },
            family: {
              value: -2,
              target: 1,
              evidence: {
                source: 'feedback',
                respondents: 57,
                spread: 1,
                quotes: [t('The stroller came out last, with a broken wheel.', '婴儿推车最后才出来，轮子还摔坏了。')],
              },
            },
          },
        },
        {
          lane: 'frontstage',
          title: t('Baggage service desk', '行李查询柜台'),
          description: t(
            'Handles delayed or damaged bags, and should follow up without the passenger having to chase.',
            '处理延误和破损行李，应当主动跟进，而不是让旅客一遍遍追问。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Bag tracking & priority tags', '行李追踪与优先标签'),
          description: t(
            'Priority bags are loaded last and unloaded first; every scan along the way feeds the app.',
            '优先行李最后装机、最先卸下；沿途每一次扫描都同步到 App。',
          ),
        },
        {
          lane: 'pain',
          title: t('The stroller comes out last', '婴儿推车最后才出来'),
          description: t(
            'Families with a tired child wait longest, for the one item they need first.',
            '一家人带着累坏的孩子等得最久，等的偏偏是最急用的那件东西。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Stroller back at the aircraft door', '舱门口归还婴儿推车'),
          description: t(
            'Return gate-checked strollers at the aircraft door, and push bag-arrival times to the app.',
            '登机口托运的推车在舱门口直接归还，并把行李到达时间推送到 App。',
          ),
        },
      ],
    },
  ],
  mots: [
    {
      on: 'bedtime',
      who: t(
        'A Chinese frequent flyer living on the US west coast, a gold member flying business class',
        '住在美国西海岸的华人常旅客，金卡会员，坐的是商务舱',
      ),
      situation: t(
        'On the overnight flight home across the Pacific, as the cabin lights dim and he gets ready to sleep, a flight attendant turns his seat into a flat bed, lays a mattress pad and duvet, sets out slippers and a bottle of water, and wishes him good night by name.',
        '跨太平洋的夜航上，客舱灯光调暗，他正准备睡觉，乘务员过来把座椅放平成床，铺好床垫和被子，摆上拖鞋和一瓶水，再叫着他的姓氏道一声晚安。',
      ),
      feeling: CORE_MESSAGE,
      dimension: 'repurchase',
      source: 'love',
      ratings: { importance: 5, performance: 5, competitorWeakness: 4 },
      votes: { love: 18, like: 4, dislike: 2 },
      chosen: true,
    },
    {
      on: 'meal',
      who: t(
        'A vegetarian consultant who flies long-haul with the airline every month',
        '每个月都坐这家航空公司长航线的素食咨询顾问',
      ),
      situation: t(
        'Three hours into a twelve-hour flight, before the trolley even starts, the crew bring her meal to her seat, call her by name and serve the Indian vegetarian dish she pre-ordered, mentioning it was the one she rated highest on her last flight.',
        '十二小时的航程飞到第三个小时，餐车还没推出来，乘务员就先把餐送到她座位上，叫着她的名字端上她预订的印度素食，还顺口提了一句：这是她上次航班打分最高的那道菜。',
      ),
      feeling: t('This airline is different: it remembers me', '这家航空公司不一样，它记得我'),
      dimension: 'recommendation',
      source: 'love',
      ratings: { importance: 4, performance: 4, competitorWeakness: 3 },
      votes: { love: 12, like: 5, dislike: 1 },
      chosen: true,
    },
    {
      on: 'bagDrop',
      who: t('A gold member who flies the same domestic route twice a month', '每月两次往返同一条国内航线的金卡会员'),
      situation: t(
        'At the priority counter at six in the morning, the agent greets him by name before he has handed over his ID, tells him she has already moved him back to his usual aisle seat after the schedule change, and tags his bag priority without being asked.',
        '早上六点，他刚走到优先柜台，还没递上证件，值机员就叫出了他的姓氏，告诉他航班时刻调整后已经帮他换回常坐的靠过道座位，又主动给他的行李挂上了优先标签。',
      ),
      feeling: CORE_MESSAGE,
      dimension: 'repurchase',
      source: 'love',
      ratings: { importance: 4, performance: 4, competitorWeakness: 2 },
      votes: { love: 9, like: 2, dislike: 1 },
      chosen: false,
    },
    {
      on: 'booking',
      who: t('A business traveller who holds gold status with a rival airline', '在竞争对手那里有金卡的商务旅客'),
      situation: t(
        'When her usual airline cancels her evening flight, she books this one for the first time; the app recognises her status with the rival, offers a status match on the spot, and lets her choose an aisle seat and a meal as if she were already a member.',
        '常坐的那家航空公司取消了她当晚的航班，她第一次订了这家；App 认出了她在对手那里的会员级别，当场给她匹配同等级别，还让她像老会员一样先挑靠过道的座位和餐食。',
      ),
      feeling: CORE_MESSAGE,
      dimension: 'conversion',
      source: 'dislike',
      ratings: { importance: 3, performance: 3, competitorWeakness: 4 },
      votes: { love: 1, like: 2, dislike: 8 },
      chosen: false,
    },
    {
      on: 'boarding',
      who: t(
        'Parents flying economy once a year with a four-year-old and a stroller',
        '一年坐一次飞机、带着四岁孩子和婴儿推车出游的经济舱父母',
      ),
      situation: t(
        'At a packed gate the boarding call is one fast, muffled announcement; they queue for twenty minutes holding a tired child and the folded stroller, and when they finally reach their row the overhead bins are already full.',
        '登机口人挤人，广播含含糊糊叫了一遍号；他们抱着犯困的孩子、拎着收起来的推车排了二十分钟，好不容易走到座位，头顶的行李架已经塞满了。',
      ),
      feeling: t('Flying with kids here is an ordeal', '带孩子坐这家航班太折腾了'),
      dimension: 'repurchase',
      source: 'like',
      ratings: { importance: 4, performance: 2, competitorWeakness: 3 },
      votes: { love: 2, like: 14, dislike: 6 },
      chosen: false,
    },
    {
      // Deliberately incomplete: the situation is not written yet, so new users see the warning.
      on: 'baggage',
      who: t(
        'A frequent flyer with one checked bag and a meeting two hours after landing',
        '托运了一件行李、落地两小时后就要开会的常旅客',
      ),
      situation: t('', ''),
      feeling: CORE_MESSAGE,
      dimension: 'repurchase',
      source: 'love',
      ratings: { importance: 4, performance: 0, competitorWeakness: 0 },
      votes: { love: 3, like: 0, dislike: 0 },
      chosen: false,
    },
  ],
};

/** The airline template in `locale`, with fresh ids. */
export function airlineTemplate(locale: Locale, now: Date = new Date()): JourneyMap {
  return buildTemplate(AIRLINE_SPEC, locale, now);
}
