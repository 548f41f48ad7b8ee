/**
 * Built-in template: a hotel guest's journey (method brief §6), in English and Simplified Chinese.
 *
 * Four stages: booking, check-in, stay & dining, checkout.
 * Two personas with different curves:
 * - a platinum business guest ("three highs"): peak at the first look at a room prepared to his known
 *   preferences (the Ritz-Carlton case), trough when the Wi-Fi drops during a call, positive end;
 * - a couple on an anniversary weekend, first stay with the brand: trough waiting in the lobby at check-in,
 *   peak at the anniversary dinner, a dip at checkout and a neutral end.
 */
import type { JourneyMap, Locale } from '../schema';
import { PERSONA_COLORS } from '../defaults';
import { buildTemplate, t, type TemplateSpec } from './build';

type PersonaKey = 'business' | 'couple';
type CardKey = 'preArrival' | 'frontDesk' | 'room' | 'dinner' | 'checkout';

const CORE_MESSAGE = t('They know me', '这家酒店懂我');

export const HOTEL_SPEC: TemplateSpec<PersonaKey, CardKey> = {
  title: t('Hotel stay: from booking to checkout', '酒店住宿旅程：从预订到退房'),
  description: t(
    "A starting point for mapping a guest's stay: four stages, two personas with their emotion curves, and sample Moments of Truth. Replace the sample content with what your own research shows.",
    '梳理宾客住店旅程的起点：四个阶段、两类宾客及各自的情绪曲线，外加几条示例关键时刻（MOT）。请用你们自己的调研结果替换示例内容。',
  ),
  coreMessage: CORE_MESSAGE,
  focusDimension: 'repurchase',
  personas: [
    {
      key: 'business',
      name: t('Platinum business guest', '白金会员商务客'),
      description: t(
        "Regional sales director who spends 60 nights a year in the brand's city hotels: a \"three highs\" heavy customer. Often arrives late at night, leaves early, and needs to work from the room.",
        '区域销售总监，每年在本品牌的城市酒店住六十晚左右，是典型的“三高”重度顾客。常常深夜到店、一早离开，需要在房间里办公。',
      ),
      color: PERSONA_COLORS[0],
    },
    {
      key: 'couple',
      name: t('Couple on a weekend stay', '周末度假的夫妻'),
      description: t(
        'A couple in their thirties celebrating their anniversary with two nights booked through a travel agency. First stay with the brand; they usually choose a boutique hotel nearby.',
        '三十出头的一对夫妻，在旅行平台上订了两晚，来过结婚纪念日。第一次住这个品牌，平时更常去附近一家精品酒店。',
      ),
      color: PERSONA_COLORS[1],
    },
  ],
  stages: [
    {
      name: t('Booking', '预订'),
      description: t(
        'Choosing the hotel and the room, and everything that happens before arrival.',
        '挑选酒店和房型，以及到店之前的一切。',
      ),
      cards: [
        {
          lane: 'action',
          title: t('Choose dates and room', '选日期、挑房型'),
          description: t(
            'Compares room types and rates, looks at photos and reviews, then books.',
            '比较房型和价格，看照片、翻点评，然后下单。',
          ),
        },
        {
          lane: 'touchpoint',
          channel: 'web',
          title: t('Online booking', '线上预订'),
          description: t(
            "Books on the brand's website or app as a member, or through a travel agency.",
            '登录会员账号在官网或 App 下单，或者通过旅行平台预订。',
          ),
          emotions: {
            business: { value: 1, target: 1, evidence: { source: 'survey', respondents: 520, spread: 0.8 } },
            couple: {
              value: 0,
              target: 1,
              evidence: {
                source: 'interview',
                respondents: 8,
                spread: 0.9,
                quotes: [
                  t('The room names on the travel site did not match the hotel website.', '旅行平台上的房型名称跟酒店官网对不上。'),
                ],
              },
            },
          },
        },
        {
          key: 'preArrival',
          lane: 'touchpoint',
          channel: 'chat',
          title: t('Pre-arrival message', '到店前问候'),
          description: t(
            'Two days before arrival, the hotel asks about arrival time, pillow preference and any special occasion.',
            '到店前两天，酒店发来消息，问预计几点到、枕头有什么偏好、是否有特别的日子。',
          ),
          emotions: {
            business: { value: 1, target: 2 },
            couple: { value: 2, target: 2 },
          },
        },
        {
          lane: 'backstage',
          title: t('Guest preference profile', '宾客偏好档案'),
          description: t(
            "Preferences noted at any of the brand's hotels (pillows, floor, allergies, occasions) are saved to the guest profile and read before arrival.",
            '集团内任何一家酒店记下的偏好（枕头、楼层、过敏、纪念日）都存进宾客档案，到店前提前调阅。',
          ),
        },
        {
          lane: 'pain',
          title: t('Agency bookings lose the notes', '第三方订单备注丢失'),
          description: t(
            "Special requests typed into a travel agency's booking form often never reach the hotel.",
            '在旅行平台下单时填写的特殊要求，常常根本传不到酒店。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Ask once, remember everywhere', '问一次，处处记得'),
          description: t(
            "Capture preferences in the pre-arrival chat and carry them to every hotel of the brand.",
            '在到店前的沟通中记下偏好，带到品牌旗下的每一家酒店。',
          ),
        },
      ],
    },
    {
      name: t('Check-in', '入住'),
      description: t('From walking through the door to the first look at the room.', '从走进大门到第一眼看到房间。'),
      cards: [
        {
          lane: 'action',
          title: t('Arrive and check in', '抵达并办理入住'),
          description: t(
            'Walks in with the luggage, shows ID at the front desk and goes up to the room.',
            '拖着行李进门，在前台出示证件，然后上楼进房。',
          ),
        },
        {
          key: 'frontDesk',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Front desk check-in', '前台办理入住'),
          description: t(
            'ID, payment guarantee and key cards at the front desk, or a key waiting at the express desk.',
            '在前台登记证件、预授权、领房卡，或者在快速通道直接取卡。',
          ),
          emotions: {
            business: { value: -1, target: 1 },
            couple: {
              value: -2,
              target: 0,
              evidence: {
                source: 'observation',
                respondents: 20,
                spread: 1.1,
                quotes: [t('We stood in the lobby with our bags for forty minutes.', '我们拖着行李在大堂站了四十分钟。')],
              },
            },
          },
        },
        {
          key: 'room',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('First look at the room', '第一眼看到房间'),
          description: t(
            'Opening the door: the layout, how clean it is, and whether anything was prepared for this guest.',
            '推开房门的那一刻：布局、整洁程度，以及有没有为自己准备的小细节。',
          ),
          emotions: {
            business: {
              value: 3,
              target: 3,
              evidence: {
                source: 'interview',
                respondents: 15,
                spread: 0.4,
                quotes: [
                  t('Feather-free pillows again, and I never had to ask twice.', '又是无羽绒枕头，我从来不用说第二遍。'),
                ],
              },
            },
            couple: { value: 1, target: 2 },
          },
        },
        {
          lane: 'frontstage',
          title: t('Welcome by name', '称呼姓氏迎宾'),
          description: t(
            'The front-desk agent welcomes the guest by name, confirms preferences and walks platinum members to the room.',
            '前台员工称呼宾客姓氏，确认偏好，并亲自陪白金会员上楼进房。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Room status & set-up', '房态与客房布置'),
          description: t(
            'Housekeeping marks rooms ready in the property system; rooms for guests with known preferences are set up first.',
            '客房部在酒店管理系统里更新房态；有已知偏好的宾客，房间优先布置。',
          ),
        },
        {
          lane: 'pain',
          title: t('Room not ready at 3 p.m.', '下午三点房间还没好'),
          description: t(
            'Guests arriving at the official check-in time wait in the lobby with their bags.',
            '按规定入住时间到店的客人，只能拖着行李在大堂干等。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('Message when the room is ready', '房间一好就发消息'),
          description: t(
            'Keep the bags, offer a drink in the lounge, and message the guest the moment the room is ready.',
            '先帮客人寄存行李、请到酒廊喝一杯，房间一准备好就马上发消息通知。',
          ),
        },
      ],
    },
    {
      name: t('Stay & dining', '住店与餐饮'),
      description: t('Working, resting and eating during the stay.', '住店期间的工作、休息和用餐。'),
      cards: [
        {
          lane: 'action',
          title: t('Work, rest and eat', '工作、休息、用餐'),
          description: t(
            'Takes calls from the room, has breakfast downstairs, and perhaps dinner at the hotel restaurant.',
            '在房间里开电话会，下楼吃早餐，也可能在酒店餐厅吃晚饭。',
          ),
        },
        {
          lane: 'touchpoint',
          channel: 'other',
          title: t('In-room Wi-Fi & workspace', '客房 Wi-Fi 与办公桌'),
          description: t(
            'Connects to the Wi-Fi for video calls and works at the desk.',
            '连上 Wi-Fi 开视频会议，在书桌前办公。',
          ),
          emotions: {
            business: {
              value: -2,
              target: 1,
              evidence: {
                source: 'feedback',
                respondents: 143,
                spread: 0.9,
                quotes: [t('The Wi-Fi dropped in the middle of a client call.', '跟客户开视频会，Wi-Fi 半路断了。')],
              },
            },
            couple: { value: 0, target: 0 },
          },
        },
        {
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Breakfast restaurant', '早餐厅'),
          description: t(
            'Buffet and cooked-to-order dishes; business guests want to be in and out in fifteen minutes.',
            '自助餐加现点现做；商务客希望十五分钟内吃完就走。',
          ),
          emotions: {
            business: { value: 1, target: 2 },
            couple: { value: 1, target: 1 },
          },
        },
        {
          key: 'dinner',
          lane: 'touchpoint',
          channel: 'in-person',
          title: t('Dinner at the hotel restaurant', '酒店餐厅晚餐'),
          description: t(
            'A sit-down dinner where the host and servers can greet guests by name and mark an occasion.',
            '一顿正式的晚餐，领位和服务员有机会叫出客人的姓氏，为特别的日子添点心意。',
          ),
          emotions: {
            business: { value: 0, target: 1 },
            couple: {
              value: 3,
              target: 3,
              evidence: {
                source: 'interview',
                respondents: 8,
                spread: 0.5,
                quotes: [
                  t(
                    "They remembered it was our anniversary, and I hadn't told the restaurant.",
                    '我没跟餐厅提过，他们却记得那天是我们的纪念日。',
                  ),
                ],
              },
            },
          },
        },
        {
          lane: 'frontstage',
          title: t('Restaurant host & servers', '餐厅领位与服务员'),
          description: t(
            'Greet guests by name, check dietary needs and notice occasions.',
            '叫得出客人的姓氏，确认饮食禁忌，留意特别的日子。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Notes shared across departments', '偏好信息跨部门共享'),
          description: t(
            'What the guest said before arrival reaches the restaurant and housekeeping, not only the front desk.',
            '宾客到店前说过的话，不只前台知道，餐厅和客房部也都看得到。',
          ),
        },
        {
          lane: 'pain',
          title: t('Wi-Fi drops during calls', '开会时 Wi-Fi 掉线'),
          description: t(
            'The connection fails on video calls in the evening, when the whole hotel is online.',
            '一到晚上全酒店都在上网，视频会议时网络说断就断。',
          ),
        },
      ],
    },
    {
      name: t('Checkout', '退房'),
      description: t('Settling the bill, leaving, and what comes after.', '结账离店，以及离店之后。'),
      cards: [
        {
          lane: 'action',
          title: t('Settle the bill and leave', '结账离店'),
          description: t(
            'Checks the bill, returns the key and heads to the station or the airport.',
            '核对账单、交还房卡，然后赶往车站或机场。',
          ),
        },
        {
          key: 'checkout',
          lane: 'touchpoint',
          channel: 'app',
          title: t('Checkout & final bill', '退房结账'),
          description: t(
            'Settles the bill at the front desk, or uses express checkout in the app.',
            '在前台结账，或者在 App 上快速退房。',
          ),
          emotions: {
            business: { value: 2, target: 2 },
            couple: { value: -1, target: 1 },
          },
        },
        {
          lane: 'touchpoint',
          channel: 'email',
          title: t('Post-stay email', '离店后的感谢邮件'),
          description: t(
            'A thank-you email with the final bill and a request to review the stay.',
            '一封附上账单、邀请点评的感谢邮件。',
          ),
          emotions: {
            business: { value: 1, target: 2 },
            couple: { value: 0, target: 2, evidence: { source: 'assumption' } },
          },
        },
        {
          lane: 'frontstage',
          title: t('Front desk farewell', '前台送别'),
          description: t(
            'Asks how the stay went, explains any charge before the guest has to ask, and orders a taxi.',
            '问一句住得怎么样，客人开口之前就把每笔费用讲清楚，再帮忙叫车。',
          ),
        },
        {
          lane: 'backstage',
          title: t('Bill check & feedback loop', '账单核对与反馈闭环'),
          description: t(
            'Charges are checked before the guest comes down; post-stay feedback reaches the department concerned within 24 hours.',
            '客人下楼前就核好账；离店后的反馈 24 小时内转到相关部门。',
          ),
        },
        {
          lane: 'pain',
          title: t('Surprise charges on the bill', '账单上的意外费用'),
          description: t(
            'A minibar or late-checkout charge that nobody mentioned appears on the final bill.',
            '迷你吧或延迟退房的费用事先没人提，结账时却出现在账单上。',
          ),
        },
        {
          lane: 'opportunity',
          title: t('A personal thank-you, not a form', '走心的感谢，而不是一张问卷'),
          description: t(
            'The post-stay message mentions something from the stay and invites the guest back for the same occasion next year.',
            '离店消息里提一件这次住店的小事，并邀请客人明年同一天再来。',
          ),
        },
      ],
    },
  ],
  mots: [
    {
      on: 'room',
      who: t(
        "A platinum business guest who spends sixty nights a year in the brand's city hotels",
        '每年在本品牌城市酒店住六十晚的白金会员商务客',
      ),
      situation: t(
        "Arriving at eleven at night after a delayed flight, he opens the door to find the feather-free pillows he asked for at another of the brand's hotels last spring, the desk lamp and charger set up on the left as he likes, and sparkling rather than still water on the desk.",
        '航班延误，他晚上十一点才到店；推开房门，发现去年春天他在集团另一家酒店提过的无羽绒枕头已经换好，台灯和充电器照他的习惯摆在书桌左边，桌上放的是气泡水而不是普通矿泉水。',
      ),
      feeling: CORE_MESSAGE,
      dimension: 'repurchase',
      source: 'love',
      ratings: { importance: 5, performance: 5, competitorWeakness: 4 },
      votes: { love: 21, like: 3, dislike: 1 },
      chosen: true,
    },
    {
      on: 'dinner',
      who: t(
        'A woman planning a surprise anniversary weekend for her husband, staying with the brand for the first time',
        '第一次入住本品牌、给丈夫准备结婚纪念日惊喜的女士',
      ),
      situation: t(
        "On the second evening, the restaurant host greets them by name, seats them at the window table she had mentioned only in the pre-arrival chat, and after the main course brings a dessert with 'Happy 5th anniversary' written in chocolate, though she never said a word to the restaurant.",
        '第二天晚上，餐厅领位员叫着他们的姓氏迎上来，把他们带到她只在到店前的聊天里提过的那张靠窗桌；主菜过后，又端上一份用巧克力写着“结婚五周年快乐”的甜点，而她从没跟餐厅说过一个字。',
      ),
      feeling: CORE_MESSAGE,
      dimension: 'recommendation',
      source: 'dislike',
      ratings: { importance: 5, performance: 4, competitorWeakness: 5 },
      votes: { love: 6, like: 4, dislike: 9 },
      chosen: true,
    },
    {
      on: 'preArrival',
      who: t('A business guest who almost always arrives late at night', '几乎总是深夜才到店的商务客'),
      situation: t(
        "Two days before arrival, a message from the front office asks just two things, his expected arrival time and whether he still wants a quiet room away from the lift, and tells him his key will be waiting at the express desk so he won't have to queue.",
        '到店前两天，前厅发来一条消息，只问两件事：大概几点到、是不是还要远离电梯的安静房间；还告诉他房卡会提前放在快速通道，到了不用排队。',
      ),
      feeling: CORE_MESSAGE,
      dimension: 'repurchase',
      source: 'love',
      ratings: { importance: 4, performance: 4, competitorWeakness: 3 },
      votes: { love: 10, like: 2, dislike: 0 },
      chosen: false,
    },
    {
      on: 'frontDesk',
      who: t('A couple on a two-night weekend stay booked through a travel agency', '通过旅行平台订了两晚周末住宿的夫妻'),
      situation: t(
        'Arriving at three in the afternoon, the official check-in time, they are told the room will not be ready until half past four; nobody offers them a seat or a drink, and their suitcases stand in the middle of the lobby while other guests check in around them.',
        '下午三点，正是规定的入住时间，他们却被告知房间要到四点半才能好；没人请他们坐下，也没人递杯水，两只行李箱就杵在大堂中间，身边的客人一个个办完入住上楼了。',
      ),
      feeling: t('Just another chain hotel', '不过是又一家连锁酒店'),
      dimension: 'repurchase',
      source: 'like',
      ratings: { importance: 4, performance: 2, competitorWeakness: 2 },
      votes: { love: 2, like: 11, dislike: 5 },
      chosen: false,
    },
    {
      // Deliberately incomplete: the feeling (the brand message) is not written yet.
      on: 'checkout',
      who: t('A business guest leaving at six in the morning for an early train', '清晨六点就要赶早班高铁的商务客'),
      situation: t(
        'With a taxi already waiting, he drops his key card in the express box by the door, and the final bill is in his inbox before he reaches the station, already split into room and meals for his expense claim.',
        '出租车已经在门口等着，他把房卡投进门边的快速退房箱；还没到车站，账单就发到了邮箱，房费和餐费已经分开列好，方便他报销。',
      ),
      feeling: t('', ''),
      dimension: 'repurchase',
      source: 'love',
      ratings: { importance: 4, performance: 4, competitorWeakness: 0 },
      votes: { love: 5, like: 1, dislike: 0 },
      chosen: false,
    },
  ],
};

/** The hotel template in `locale`, with fresh ids. */
export function hotelTemplate(locale: Locale, now: Date = new Date()): JourneyMap {
  return buildTemplate(HOTEL_SPEC, locale, now);
}
